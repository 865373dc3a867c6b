package br.com.kycert.keys;

import br.com.kycert.shared.Environment;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The API key format: {@code sk_live_} or {@code sk_test_}, 40 random base62 characters, then a
 * 6-character base62 CRC32 of everything before it. The checksum lets a mistyped or truncated key
 * be refused without a database query, and makes leaked keys machine-detectable.
 */
public final class ApiKeyFormat {

    public static final String LIVE_PREFIX = "sk_live_";
    public static final String TEST_PREFIX = "sk_test_";
    static final int RANDOM_LENGTH = 40;
    static final int CHECKSUM_LENGTH = 6;
    public static final int LENGTH = LIVE_PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyFormat() {}

    /** A fresh key for an environment. */
    public static String generate(Environment environment) {
        StringBuilder key = new StringBuilder(LENGTH).append(prefixOf(environment));
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            key.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return key.append(checksum(key)).toString();
    }

    /**
     * The environment of a well-formed key; empty when the prefix, length, alphabet or checksum is
     * wrong. Runs in constant work per key and touches nothing else.
     */
    public static Optional<Environment> parse(String key) {
        if (key == null || key.length() != LENGTH) {
            return Optional.empty();
        }
        Environment environment;
        if (key.startsWith(LIVE_PREFIX)) {
            environment = Environment.LIVE;
        } else if (key.startsWith(TEST_PREFIX)) {
            environment = Environment.SANDBOX;
        } else {
            return Optional.empty();
        }
        for (int i = LIVE_PREFIX.length(); i < LENGTH; i++) {
            if (BASE62.indexOf(key.charAt(i)) < 0) {
                return Optional.empty();
            }
        }
        String body = key.substring(0, LENGTH - CHECKSUM_LENGTH);
        if (!checksum(body).equals(key.substring(LENGTH - CHECKSUM_LENGTH))) {
            return Optional.empty();
        }
        return Optional.of(environment);
    }

    static String prefixOf(Environment environment) {
        return environment == Environment.LIVE ? LIVE_PREFIX : TEST_PREFIX;
    }

    static String checksum(CharSequence body) {
        CRC32 crc = new CRC32();
        for (int i = 0; i < body.length(); i++) {
            crc.update(body.charAt(i));
        }
        long value = crc.getValue();
        char[] out = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }
}
