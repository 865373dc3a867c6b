package br.com.kycert.dashboard;

import br.com.kycert.keys.KeysConfiguration;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The state carried from the password step to the TOTP step of sign-in. The account service checks
 * e-mail, password and code together, so the second step needs the first step's credentials; they
 * travel sealed (AES-256-GCM under a key derived from the server secret), bound to the browser's
 * sign-in cookie and valid for five minutes. Nothing is kept in server memory, so any node can
 * finish a sign-in another node started, and the password never appears in the page in clear.
 */
@Singleton
final class SignInChallenge {

    /** What the TOTP step needs from the password step. */
    record Credentials(String email, char[] password) {}

    private static final int NONCE_BYTES = 12;
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final SecretKeySpec key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SignInChallenge(KeysConfiguration keys, Clock clock) {
        this.clock = clock;
        this.key = new SecretKeySpec(keys.derive("kycert dashboard sign-in challenge v1"), "AES");
    }

    String seal(String email, char[] password, String browserToken) {
        byte[] emailBytes = email.getBytes(StandardCharsets.UTF_8);
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
        // The encoder's buffer can be larger than what it wrote: take exactly the encoded bytes.
        byte[] passwordBytes = new byte[encoded.remaining()];
        encoded.get(passwordBytes);
        ByteBuffer plain = ByteBuffer.allocate(8 + 4 + emailBytes.length + passwordBytes.length);
        plain.putLong(clock.instant().plus(LIFETIME).getEpochSecond())
                .putInt(emailBytes.length)
                .put(emailBytes)
                .put(passwordBytes);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(browserToken.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.array());
            java.util.Arrays.fill(plain.array(), (byte) 0);
            java.util.Arrays.fill(passwordBytes, (byte) 0);
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The credentials, if the challenge is intact, this browser's, and not expired. */
    Optional<Credentials> open(String challenge, String browserToken) {
        if (challenge == null || browserToken == null || challenge.length() > 4096) {
            return Optional.empty();
        }
        try {
            byte[] sealed = Base64.getUrlDecoder().decode(challenge);
            if (sealed.length <= NONCE_BYTES + 16) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(browserToken.getBytes(StandardCharsets.UTF_8));
            ByteBuffer plain = ByteBuffer.wrap(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES));
            if (Instant.ofEpochSecond(plain.getLong()).isBefore(clock.instant())) {
                return Optional.empty();
            }
            byte[] email = new byte[plain.getInt()];
            plain.get(email);
            char[] password = StandardCharsets.UTF_8.decode(plain).toString().toCharArray();
            return Optional.of(new Credentials(new String(email, StandardCharsets.UTF_8), password));
        } catch (GeneralSecurityException | IllegalArgumentException | java.nio.BufferUnderflowException e) {
            return Optional.empty();
        }
    }
}
