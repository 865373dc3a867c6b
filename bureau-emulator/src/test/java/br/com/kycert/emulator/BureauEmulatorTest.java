package br.com.kycert.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.fixtures.Scenarios;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BureauEmulatorTest {

    BureauEmulator emulator;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        emulator = BureauEmulator.start(0, "s3cret");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    HttpResponse<String> query(String source, String doc, String credential) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/sources/" + source + "/query"))
                        .header("Authorization", "Bearer " + credential)
                        .timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"request_id\":\"r1\",\"subject\":{\"type\":\"pf\",\"document\":\"" + doc
                                        + "\",\"name\":\"Ana\"}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersTheSandboxScenarios() throws Exception {
        var pep = query("pep", Scenarios.CPF_PEP, "s3cret");
        assertThat(pep.statusCode()).isEqualTo(200);
        assertThat(pep.body()).contains("\"match\":true").contains("\"source\":\"pep\"");
        assertThat(query("pep", "52998224725", "s3cret").body()).contains("\"match\":false");
        assertThat(query("receita_cpf", Scenarios.CPF_ALL_FAIL, "s3cret").statusCode())
                .isEqualTo(503);
        assertThat(query("nope", "52998224725", "s3cret").statusCode()).isEqualTo(404);
        assertThat(emulator.calls("pep")).isEqualTo(2);
    }

    @Test
    void refusesAWrongCredential() throws Exception {
        assertThat(query("pep", Scenarios.CPF_PEP, "wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void behavesAsToldForTheNextCalls() throws Exception {
        emulator.behave("pep", 500, 0, 2);
        assertThat(query("pep", Scenarios.CPF_CLEAR, "s3cret").statusCode()).isEqualTo(500);
        assertThat(query("pep", Scenarios.CPF_CLEAR, "s3cret").statusCode()).isEqualTo(500);
        assertThat(query("pep", Scenarios.CPF_CLEAR, "s3cret").statusCode()).isEqualTo(200);
        emulator.behave("*", 200, 300, 1);
        long start = System.nanoTime();
        assertThat(query("qsa", Scenarios.CNPJ_CLEAR, "s3cret").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void jsonRoundTrips() {
        Object parsed = Json.parse("{\"a\":[1,2.5,\"x\\\"y\",true,null],\"b\":{\"c\":\"\\u00e9\"}}");
        assertThat(Json.write(parsed)).isEqualTo("{\"a\":[1,2.5,\"x\\\"y\",true,null],\"b\":{\"c\":\"é\"}}");
    }
}
