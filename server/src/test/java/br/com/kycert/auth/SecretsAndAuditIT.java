package br.com.kycert.auth;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.support.Fixtures;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Secrets and documents never leak: not into the log (captured at DEBUG while the server handles
 * good and bad requests), not into the database, not into the audit trail, which still records
 * every authenticated request.
 */
class SecretsAndAuditIT {

    /** Renders each event exactly as the server's log pattern does (masking converters included). */
    static final class Capture extends AppenderBase<ILoggingEvent> {
        final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        final PatternLayout layout = new PatternLayout();

        @Override
        public void start() {
            layout.setContext(getContext());
            layout.setPattern("%logger - %msg%n%ex");
            layout.start();
            super.start();
        }

        @Override
        protected void append(ILoggingEvent event) {
            lines.add(layout.doLayout(event));
        }
    }

    @Test
    void logsHoldNoKeyAndNoDocumentAndTheAuditTrailHoldsEveryRequest() throws Exception {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level previous = root.getLevel();
        Capture capture = new Capture();
        capture.setContext(logging);
        capture.start();
        root.addAppender(capture);
        root.setLevel(Level.DEBUG);
        try (TestDatabase db = TestDatabase.create();
                TestServer server = TestServer.start(db)) {
            Fixtures fx = new Fixtures(server, db);
            Fixtures.Tenant tenant = fx.tenant("Secrets");
            fx.approveDetail(tenant);
            Fixtures.Key key = fx.key(tenant, "runs:write", "runs:read", "detail:read");
            Fixtures.Key revoked = fx.key(tenant, "runs:read");
            fx.revoke(revoked);
            var http = server.http();

            UUID run = fx.run(key, tenant.pfTemplate(), "pf", "900.000.002-56");
            http.post(
                    "/api/v1/bureau/runs",
                    Fixtures.createBody(tenant.pjTemplate(), "pj", "KY.CTS.T04/0001-03"),
                    "Authorization",
                    "Bearer " + key.secret());
            http.post(
                    "/api/v1/bureau/runs",
                    Fixtures.createBody(tenant.pfTemplate(), "pf", "529.982.247-24"),
                    "X-API-Key",
                    key.secret()); // invalid check digit
            http.post("/api/v1/bureau/runs", "{\"subject\":{\"doc\":\"529.982.247-25\"", "X-API-Key", key.secret());
            http.get("/api/v1/bureau/runs/" + run, "X-API-Key", key.secret());
            http.get("/api/v1/bureau/runs/" + run + "/detail", "X-API-Key", key.secret());
            http.get("/api/v1/bureau/runs", "X-API-Key", revoked.secret());
            http.get("/api/v1/bureau/runs", "X-API-Key", key.secret() + "x");
            http.get("/api/v1/bureau/runs/52998224725", "X-API-Key", key.secret());
            http.get("/api/v1/bureau/runs", "X-API-Key", key.secret(), "x-kycert-api-version", "1999-01-01");

            waitForAudit(fx, 8);

            List<String> logLines = new ArrayList<>(capture.lines);
            assertThat(logLines).as("something was logged at DEBUG").isNotEmpty();
            String log = String.join("\n", logLines);
            for (String secret : List.of(key.secret(), revoked.secret())) {
                assertThat(log).doesNotContain(secret).doesNotContain(secret.substring(8, 48));
            }
            for (String doc : List.of(
                    "90000000256",
                    "900.000.002-56",
                    "KYCTST04000103",
                    "KY.CTS.T04/0001-03",
                    "52998224724",
                    "529.982.247-24",
                    "529.982.247-25",
                    "52998224725")) {
                assertThat(log).doesNotContain(doc);
            }

            try (var c = db.connect();
                    var s = c.createStatement()) {
                try (ResultSet rows =
                        s.executeQuery("select a::text from audit_log a union all select k::text from api_keys k")) {
                    while (rows.next()) {
                        String row = rows.getString(1);
                        assertThat(row)
                                .doesNotContain(key.secret().substring(8))
                                .doesNotContain("90000000256");
                    }
                }
                try (ResultSet rows = s.executeQuery("select key_id, key_name, method, route, status, request_id"
                        + " from audit_log where action = 'api.request' order by id")) {
                    List<String> entries = new ArrayList<>();
                    while (rows.next()) {
                        assertThat(rows.getString("key_id")).isEqualTo(key.id().toString());
                        assertThat(rows.getString("key_name")).isNotBlank();
                        assertThat(rows.getString("request_id")).matches("req_[0-9a-f]{32}");
                        entries.add(
                                rows.getString("method") + " " + rows.getString("route") + " " + rows.getInt("status"));
                    }
                    assertThat(entries)
                            .contains(
                                    "POST /api/v1/bureau/runs 201",
                                    "POST /api/v1/bureau/runs 422",
                                    "POST /api/v1/bureau/runs 400",
                                    "GET /api/v1/bureau/runs/{id} 200",
                                    "GET /api/v1/bureau/runs/{id}/detail 200",
                                    "GET /api/v1/bureau/runs/{id} 400",
                                    "GET /api/v1/bureau/runs 400");
                    // Refused keys are not authenticated requests: they are not attributed to any key.
                    assertThat(entries).noneMatch(e -> e.endsWith(" 401"));
                }
            }
            // Last-used time is tracked in memory and flushed, not written per request.
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (fx.count("select count(*) from api_keys where id = ? and last_used_at is not null", key.id()) == 0
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(fx.count("select count(*) from api_keys where id = ? and last_used_at is not null", key.id()))
                    .isEqualTo(1);
        } finally {
            root.setLevel(previous);
            root.detachAppender(capture);
        }
    }

    private static void waitForAudit(Fixtures fx, int atLeast) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (fx.count("select count(*) from audit_log where action = 'api.request'") < atLeast
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
    }
}
