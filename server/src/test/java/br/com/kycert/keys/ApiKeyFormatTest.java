package br.com.kycert.keys;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.shared.Environment;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {

    @Test
    void generatedKeysHaveThePrefixTheLengthAndAValidChecksum() {
        String live = ApiKeyFormat.generate(Environment.LIVE);
        String test = ApiKeyFormat.generate(Environment.SANDBOX);
        assertThat(live).startsWith("sk_live_").hasSize(ApiKeyFormat.LENGTH).matches("sk_live_[0-9A-Za-z]{46}");
        assertThat(test).startsWith("sk_test_").hasSize(ApiKeyFormat.LENGTH);
        assertThat(ApiKeyFormat.parse(live)).contains(Environment.LIVE);
        assertThat(ApiKeyFormat.parse(test)).contains(Environment.SANDBOX);
    }

    @Test
    void keysAreUnique() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            keys.add(ApiKeyFormat.generate(Environment.SANDBOX));
        }
        assertThat(keys).hasSize(10_000);
    }

    @Test
    void anySingleCharacterTypoIsCaughtByTheChecksumOrTheFormat() {
        String key = ApiKeyFormat.generate(Environment.SANDBOX);
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        for (int i = 8; i < key.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c == key.charAt(i)) {
                    continue;
                }
                String typo = key.substring(0, i) + c + key.substring(i + 1);
                assertThat(ApiKeyFormat.parse(typo)).as(typo).isEmpty();
            }
        }
    }

    @Test
    void malformedKeysAreRejected() {
        String key = ApiKeyFormat.generate(Environment.LIVE);
        assertThat(ApiKeyFormat.parse(null)).isEmpty();
        assertThat(ApiKeyFormat.parse("")).isEmpty();
        assertThat(ApiKeyFormat.parse(key.substring(1))).isEmpty();
        assertThat(ApiKeyFormat.parse(key + "0")).isEmpty();
        assertThat(ApiKeyFormat.parse(key.replace("sk_live_", "sk_test_"))).isEmpty();
        assertThat(ApiKeyFormat.parse(key.replace("sk_live_", "pk_live_"))).isEmpty();
        assertThat(ApiKeyFormat.parse(key.substring(0, 20) + "-" + key.substring(21))).isEmpty();
    }
}
