package br.com.kycert.keys;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of a key under the server's pepper. Keys carry 238 bits of randomness, so a fast
 * keyed digest is the right tool; a slow KDF would only add ~100 ms to every request.
 */
@Singleton
public final class KeyDigester {

    private final SecretKeySpec pepper;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    KeyDigester(KeysConfiguration keys) {
        this.pepper = keys.digestKey();
    }

    public byte[] digest(String key) {
        // doFinal resets the Mac for its next use: one initialized instance per thread.
        return macs.get().doFinal(key.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pepper);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
