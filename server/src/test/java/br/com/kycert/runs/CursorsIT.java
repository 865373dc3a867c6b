package br.com.kycert.runs;

import static br.com.kycert.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.shared.Environment;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Http;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 14, item 9: cursors are signed and bound to tenant, environment and filters; anything else is 400 invalid_cursor. */
class CursorsIT {

    static TestDatabase db;
    static TestServer server;
    static Http http;
    static Fixtures fixtures;
    static Fixtures.Tenant alfa;
    static Fixtures.Tenant beta;
    static Fixtures.Key alfaKey;
    static Fixtures.Key betaKey;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        server = TestServer.start(db);
        http = server.http();
        fixtures = new Fixtures(server, db);
        alfa = fixtures.tenant("Alfa cursors");
        beta = fixtures.tenant("Beta cursors");
        alfaKey = fixtures.key(alfa, "runs:write", "runs:read");
        betaKey = fixtures.key(beta, "runs:write", "runs:read");
        for (int i = 0; i < 3; i++) {
            fixtures.run(alfaKey, alfa.pfTemplate(), "pf", Fixtures.CPF_CLEAR);
            fixtures.run(betaKey, beta.pfTemplate(), "pf", Fixtures.CPF_CLEAR);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static String firstCursor(Fixtures.Key key, String query) {
        var page = http.get("/api/v1/bureau/runs?limit=1" + query, "X-API-Key", key.secret());
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return page.json().get("next_cursor").getStringValue();
    }

    @Test
    void issuedCursorsPageThroughTheListing() {
        String cursor = firstCursor(alfaKey, "");
        var next = http.get("/api/v1/bureau/runs?limit=1&cursor=" + cursor, "X-API-Key", alfaKey.secret());
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.json().get("data").size()).isEqualTo(1);
    }

    @Test
    void handMadeCursorsAreInvalid() {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        for (String plain :
                new String[] {"v1:" + micros + ":" + UUID.randomUUID(), "v2:" + micros + ":" + UUID.randomUUID()}) {
            String forged =
                    Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
            assertProblem(
                    http.get("/api/v1/bureau/runs?cursor=" + forged, "X-API-Key", alfaKey.secret()),
                    400,
                    "invalid_cursor");
            assertProblem(
                    http.get("/api/v1/bureau/runs?cursor=" + forged + ".AAAA", "X-API-Key", alfaKey.secret()),
                    400,
                    "invalid_cursor");
        }
    }

    @Test
    void alteredCursorsAreInvalid() {
        String cursor = firstCursor(alfaKey, "");
        char last = cursor.charAt(cursor.length() - 1);
        String altered = cursor.substring(0, cursor.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertProblem(
                http.get("/api/v1/bureau/runs?cursor=" + altered, "X-API-Key", alfaKey.secret()),
                400,
                "invalid_cursor");
    }

    @Test
    void anotherTenantsCursorIsInvalid() {
        String cursor = firstCursor(alfaKey, "");
        assertProblem(
                http.get("/api/v1/bureau/runs?cursor=" + cursor, "X-API-Key", betaKey.secret()), 400, "invalid_cursor");
    }

    @Test
    void anotherEnvironmentsCursorIsInvalid() {
        Fixtures.Key live = fixtures.key(alfa, Environment.LIVE, null, "runs:read");
        String cursor = firstCursor(alfaKey, "");
        assertProblem(
                http.get("/api/v1/bureau/runs?cursor=" + cursor, "X-API-Key", live.secret()), 400, "invalid_cursor");
    }

    @Test
    void aCursorWithOtherFiltersIsInvalid() {
        String cursor = firstCursor(alfaKey, "&status=queued");
        assertThat(http.get("/api/v1/bureau/runs?status=queued&cursor=" + cursor, "X-API-Key", alfaKey.secret())
                        .status())
                .isEqualTo(200);
        assertProblem(
                http.get("/api/v1/bureau/runs?cursor=" + cursor, "X-API-Key", alfaKey.secret()), 400, "invalid_cursor");
        assertProblem(
                http.get("/api/v1/bureau/runs?status=completed&cursor=" + cursor, "X-API-Key", alfaKey.secret()),
                400,
                "invalid_cursor");
    }
}
