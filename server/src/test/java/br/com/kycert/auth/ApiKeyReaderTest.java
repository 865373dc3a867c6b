package br.com.kycert.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.simple.SimpleHttpHeaders;
import org.junit.jupiter.api.Test;

class ApiKeyReaderTest {

    static final String A = "sk_test_aaaa";
    static final String B = "sk_test_bbbb";

    @Test
    void noHeaderBlankValuesAndOtherSchemesPresentNoKey() {
        assertThat(read()).isInstanceOf(ApiKeyReader.None.class);
        assertThat(read("X-API-Key", "")).isInstanceOf(ApiKeyReader.None.class);
        assertThat(read("Authorization", "Basic dXNlcjpwYXNz")).isInstanceOf(ApiKeyReader.None.class);
        assertThat(read("Authorization", "Bearer   ")).isInstanceOf(ApiKeyReader.None.class);
    }

    @Test
    void eitherHeaderPresentsTheKeyAndRepeatsOfTheSameKeyAreOneKey() {
        assertThat(read("X-API-Key", A)).isEqualTo(new ApiKeyReader.One(A));
        assertThat(read("Authorization", "Bearer " + A)).isEqualTo(new ApiKeyReader.One(A));
        assertThat(read("Authorization", "bearer  " + A)).isEqualTo(new ApiKeyReader.One(A));
        assertThat(read("X-API-Key", A, "Authorization", "Bearer " + A)).isEqualTo(new ApiKeyReader.One(A));
        assertThat(read("X-API-Key", A, "X-API-Key", A)).isEqualTo(new ApiKeyReader.One(A));
        assertThat(read("Authorization", "Bearer " + A, "Authorization", "Bearer " + A))
                .isEqualTo(new ApiKeyReader.One(A));
    }

    @Test
    void twoDifferentKeysInAnyCombinationOfHeadersConflict() {
        assertThat(read("X-API-Key", A, "Authorization", "Bearer " + B)).isInstanceOf(ApiKeyReader.Conflicting.class);
        assertThat(read("X-API-Key", A, "X-API-Key", B)).isInstanceOf(ApiKeyReader.Conflicting.class);
        assertThat(read("Authorization", "Bearer " + A, "Authorization", "Bearer " + B))
                .isInstanceOf(ApiKeyReader.Conflicting.class);
        // A blank or non-Bearer value beside a key does not conflict with it.
        assertThat(read("X-API-Key", "", "Authorization", "Bearer " + A)).isEqualTo(new ApiKeyReader.One(A));
        assertThat(read("X-API-Key", A, "Authorization", "Basic dXNlcjpwYXNz")).isEqualTo(new ApiKeyReader.One(A));
    }

    @Test
    void thePresentedKeyIsNeverPrinted() {
        assertThat(read("X-API-Key", A).toString()).doesNotContain(A);
    }

    private static ApiKeyReader.Presented read(String... headers) {
        SimpleHttpHeaders h = new SimpleHttpHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        return ApiKeyReader.read((HttpHeaders) h);
    }
}
