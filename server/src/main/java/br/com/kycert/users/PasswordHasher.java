package br.com.kycert.users;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import jakarta.inject.Singleton;
import java.nio.CharBuffer;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Argon2id password hashes (password4j), stored in PHC form so each hash carries its own
 * parameters and old hashes keep verifying after a retune.
 *
 * <p>Defaults: 19 MiB, 2 passes, 1 lane, 32-byte output, 16-byte random salt — OWASP's first
 * Argon2id recommendation. On the project's shared 2-core machine one hash takes about 120–210 ms
 * once the JIT is warm (load average 15 at the time); {@link PasswordConfiguration} retunes it.
 * Passwords are low-entropy, so here, unlike API keys, a slow memory-hard KDF is the right tool.
 */
@Singleton
final class PasswordHasher {

    private final Argon2Function argon2;
    private final SecureRandom random = new SecureRandom();
    private final String dummyHash;

    PasswordHasher(PasswordConfiguration configuration) {
        this.argon2 = Argon2Function.getInstance(
                configuration.memoryKib(), configuration.iterations(), configuration.parallelism(), 32, Argon2.ID);
        // Unknown e-mail addresses are checked against this, so they cost what a real check costs.
        byte[] filler = new byte[24];
        random.nextBytes(filler);
        this.dummyHash = hash(CharBuffer.wrap(Base64.getEncoder().encodeToString(filler)));
    }

    String hash(CharSequence password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return argon2.hash(utf8(password), salt).getResult();
    }

    /** Constant-time check of a password against a stored hash, with the hash's own parameters. */
    boolean verify(CharSequence password, String hash) {
        try {
            return Argon2Function.getInstanceFromHash(hash).check(password, hash);
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    /** Spends the time of a real check and fails: the path for an unknown e-mail address. */
    boolean verifyNothing(CharSequence password) {
        verify(password, dummyHash);
        return false;
    }

    /** Whether a stored hash was made with other parameters than today's, so a sign-in should rehash it. */
    boolean outdated(String hash) {
        try {
            return !Argon2Function.getInstanceFromHash(hash).equals(argon2);
        } catch (RuntimeException malformed) {
            return true;
        }
    }

    private static byte[] utf8(CharSequence password) {
        var buffer = java.nio.charset.StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
