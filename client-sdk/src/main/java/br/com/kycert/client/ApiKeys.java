package br.com.kycert.client;

/** Checks the shape of API keys, and hides them. No message here ever contains a key. */
final class ApiKeys {

    static final String LIVE_PREFIX = "sk_live_";
    static final String TEST_PREFIX = "sk_test_";

    private ApiKeys() {}

    /** @return why {@code key} is not a well-formed kycert API key, or {@code null} if it is */
    static String problemWith(String key) {
        if (key == null) {
            return "it is null";
        }
        if (key.isBlank()) {
            return "it is empty";
        }
        if (!(key.startsWith(LIVE_PREFIX) || key.startsWith(TEST_PREFIX))) {
            return "it must start with " + LIVE_PREFIX + " (production) or " + TEST_PREFIX + " (sandbox)";
        }
        if (key.length() == LIVE_PREFIX.length()) {
            return "nothing follows its prefix";
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return "it contains whitespace or characters that are not printable ASCII";
            }
        }
        return null;
    }

    /** The environment part only: {@code sk_test_…}. */
    static String redact(String key) {
        if (key == null) {
            return "null";
        }
        if (key.startsWith(LIVE_PREFIX)) {
            return LIVE_PREFIX + "…";
        }
        return key.startsWith(TEST_PREFIX) ? TEST_PREFIX + "…" : "…";
    }
}
