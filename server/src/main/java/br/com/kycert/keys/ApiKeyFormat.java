package br.com.kycert.keys;

import br.com.kycert.shared.Environment;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * The API key format: {@code sk_live_} or {@code sk_test_}, 40 random base62 characters, then a
 * 6-character base62 CRC32 of everything before it. The checksum lets a mistyped or truncated key
 * be refused without a database query, and makes leaked keys machine-detectable. {@link ApiKeyParser}
 * reads keys of this format.
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

    static boolean isBase62(char c) {
        return BASE62.indexOf(c) >= 0;
    }

    /** The prefix every key of {@code environment} starts with. */
    public static String prefixOf(Environment environment) {
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
