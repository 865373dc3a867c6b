package br.com.kycert.keys;

import br.com.kycert.shared.Environment;
import java.util.Optional;

/**
 * Checks a presented key's prefix, length, alphabet and checksum ({@link ApiKeyFormat}) and parses
 * it into a {@link ParsedApiKey}. Constant work per key and no I/O, so a mistyped or made-up key is
 * refused before any lookup.
 */
public final class ApiKeyParser {

    private ApiKeyParser() {}

    /** The parsed key, or empty when the key is malformed. */
    public static Optional<ParsedApiKey> parse(String presented) {
        if (presented == null || presented.length() != ApiKeyFormat.LENGTH) {
            return Optional.empty();
        }
        Environment environment;
        if (presented.startsWith(ApiKeyFormat.LIVE_PREFIX)) {
            environment = Environment.LIVE;
        } else if (presented.startsWith(ApiKeyFormat.TEST_PREFIX)) {
            environment = Environment.SANDBOX;
        } else {
            return Optional.empty();
        }
        for (int i = ApiKeyFormat.LIVE_PREFIX.length(); i < ApiKeyFormat.LENGTH; i++) {
            if (!ApiKeyFormat.isBase62(presented.charAt(i))) {
                return Optional.empty();
            }
        }
        int bodyLength = ApiKeyFormat.LENGTH - ApiKeyFormat.CHECKSUM_LENGTH;
        if (!ApiKeyFormat.checksum(presented.substring(0, bodyLength)).equals(presented.substring(bodyLength))) {
            return Optional.empty();
        }
        return Optional.of(new ParsedApiKey(environment, presented));
    }
}
