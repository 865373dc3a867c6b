package br.com.kycert.auth;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.keys.ApiKeyFormat;
import br.com.kycert.keys.KeyChangeListener;
import br.com.kycert.keys.KeyDigester;
import br.com.kycert.shared.Environment;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Http;
import br.com.kycert.support.TestServer;
import br.com.kycert.support.TwoNodes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two server nodes on one database behave as one: each caches keys in memory, and a change made
 * anywhere (a node's services, plain SQL as any other writer) is refused or honoured by both within
 * 100 ms of its commit, the bound the key cache promises (the requests poll until then).
 */
class TwoNodesIT {

    static final Duration BOUND = Duration.ofMillis(100);
    static final String RUNS = "/api/v1/bureau/runs";

    static TwoNodes nodes;
    static Fixtures fx;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.start();
        fx = nodes.fx();
    }

    @AfterAll
    static void stop() {
        nodes.close();
    }

    @Test
    void bothNodesCacheKeysBehindAListener() {
        assertThat(nodes.a().bean(KeyChangeListener.class).listening()).isTrue();
        assertThat(nodes.b().bean(KeyChangeListener.class).listening()).isTrue();
    }

    @Test
    void aKeyRevokedOnOneNodeIsRefusedByBothWithin100Ms() {
        Fixtures.Tenant tenant = fx.tenant("Two nodes");
        Fixtures.Key key = fx.key(tenant, "runs:read");
        warm(key);
        Instant revoked = revokeThroughNodeA(key);
        assertBothAnswerWithin(revoked, key, r -> r.status() == 401 && r.code().equals("invalid_api_key"));
    }

    @Test
    void aKeyRevokedWithPlainSqlIsRefusedByBothWithin100Ms() {
        // Any writer (the CLI in another process, a hand-written UPDATE) notifies through the triggers.
        Fixtures.Tenant tenant = fx.tenant("Two nodes SQL");
        Fixtures.Key key = fx.key(tenant, "runs:read");
        warm(key);
        Instant revoked = sqlAt("update api_keys set status = 'revoked', revoked_by = 'sql', revoked_at = now()"
                + " where id = '" + key.id() + "'");
        assertBothAnswerWithin(revoked, key, r -> r.status() == 401);
    }

    @Test
    void detailApprovalWithdrawnAndGrantedHoldsOnBothWithin100Ms() {
        Fixtures.Tenant tenant = fx.tenant("Two nodes detail");
        fx.approveDetail(tenant);
        Fixtures.Key key = fx.key(tenant, "runs:write", "detail:read");
        var run = fx.run(key, tenant.pfTemplate(), "pf", Fixtures.CPF_CLEAR);
        String detail = RUNS + "/" + run + "/detail";
        for (TestServer node : List.of(nodes.a(), nodes.b())) {
            assertThat(node.http().get(detail, "X-API-Key", key.secret()).status())
                    .isEqualTo(200);
        }
        Instant withdrawn = sqlAt("update tenants set detail_access = false where id = '" + tenant.id() + "'");
        assertBothAnswerWithin(withdrawn, detail, key, r -> "insufficient_scope".equals(r.code()));
        Instant granted = sqlAt("update tenants set detail_access = true where id = '" + tenant.id() + "'");
        assertBothAnswerWithin(granted, detail, key, r -> r.status() == 200);
    }

    @Test
    void aRolledKeyWithNoOverlapIsRefusedByBothAndItsSuccessorAccepted() {
        Fixtures.Tenant tenant = fx.tenant("Two nodes roll");
        Fixtures.Key old = fx.key(tenant, "runs:read");
        warm(old);
        var successor = nodes.a()
                .bean(br.com.kycert.keys.ApiKeyService.class)
                .roll(tenant.id(), old.id(), Duration.ZERO, "test");
        Instant rolled = Instant.now();
        assertBothAnswerWithin(rolled, old, r -> r.status() == 401);
        Fixtures.Key next = new Fixtures.Key(successor.key().id(), successor.secret());
        assertBothAnswerWithin(rolled, next, r -> r.status() == 200);
    }

    @Test
    void aKeyCreatedAfterItsDigestWasRefusedIsAcceptedByBothWithin100Ms() {
        // Digests no key has are cached too; a new key must not stay refused.
        Fixtures.Tenant tenant = fx.tenant("Two nodes create");
        String secret = ApiKeyFormat.generate(Environment.SANDBOX);
        Fixtures.Key key = new Fixtures.Key(UUID.randomUUID(), secret);
        for (TestServer node : List.of(nodes.a(), nodes.b())) {
            for (int i = 0; i < 3; i++) {
                assertThat(node.http().get(RUNS, "X-API-Key", secret).status()).isEqualTo(401);
            }
        }
        byte[] digest = nodes.a().bean(KeyDigester.class).digest(secret);
        Instant created;
        try (var c = nodes.db().connect();
                var s = c.prepareStatement("insert into api_keys (id, tenant_id, name, environment, scopes, digest,"
                        + " last4, status, created_by, created_at) values (?, ?, 'by sql', 'sandbox',"
                        + " array['runs:read'], ?, ?, 'active', 'sql', now())")) {
            s.setObject(1, key.id());
            s.setObject(2, tenant.id());
            s.setBytes(3, digest);
            s.setString(4, secret.substring(secret.length() - 4));
            s.executeUpdate();
            created = Instant.now();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertBothAnswerWithin(created, key, r -> r.status() == 200);
    }

    @Test
    void expiryIsJudgedByTheClockOnEveryRequestWithoutAnyWrite() {
        Fixtures.Tenant tenant = fx.tenant("Two nodes expiry");
        Fixtures.Key key = fx.key(tenant, "runs:read");
        Instant expiry = Instant.now().plusSeconds(2);
        fx.sql("update api_keys set expires_at = ? where id = ?", expiry, key.id());
        nodes.b().awaitKeyChanges();
        warm(key);
        // Nothing is written at expiry: the cached key carries expires_at, compared with the clock.
        Instant deadline = expiry.plusSeconds(5);
        for (TestServer node : List.of(nodes.a(), nodes.b())) {
            Http.Response last;
            do {
                last = node.http().get(RUNS, "X-API-Key", key.secret());
            } while (last.status() == 200 && Instant.now().isBefore(deadline));
            assertThat(last.status()).isEqualTo(401);
            assertThat(Instant.now()).isAfterOrEqualTo(expiry);
        }
    }

    @Test
    void aRunCreatedOnOneNodeIsReadOnTheOther() {
        Fixtures.Tenant tenant = fx.tenant("Two nodes runs");
        Fixtures.Key key = fx.key(tenant, "runs:write", "runs:read");
        var created = nodes.a()
                .http()
                .post(
                        RUNS,
                        Fixtures.createBody(tenant.pfTemplate(), "pf", Fixtures.CPF_CLEAR),
                        "X-API-Key",
                        key.secret());
        var read = nodes.b().http().get(created.header("Location").orElseThrow(), "X-API-Key", key.secret());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("id").getStringValue())
                .isEqualTo(created.json().get("id").getStringValue());
    }

    /** Both nodes have the key in memory. */
    private static void warm(Fixtures.Key key) {
        for (TestServer node : List.of(nodes.a(), nodes.b())) {
            for (int i = 0; i < 5; i++) {
                assertThat(node.http().get(RUNS, "X-API-Key", key.secret()).status())
                        .isEqualTo(200);
            }
        }
    }

    private static Instant revokeThroughNodeA(Fixtures.Key key) {
        nodes.a().bean(br.com.kycert.keys.ApiKeyService.class).revoke(key.id(), "test");
        return Instant.now();
    }

    /** Runs a statement on its own connection and answers when it committed. */
    private static Instant sqlAt(String statement) {
        try (var c = nodes.db().connect();
                var s = c.createStatement()) {
            s.executeUpdate(statement);
            return Instant.now();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertBothAnswerWithin(Instant since, Fixtures.Key key, Predicate<Http.Response> expected) {
        assertBothAnswerWithin(since, RUNS, key, expected);
    }

    /** Polls each node until it answers as expected; both must within {@link #BOUND} of {@code since}. */
    private static void assertBothAnswerWithin(
            Instant since, String path, Fixtures.Key key, Predicate<Http.Response> expected) {
        Instant deadline = since.plus(BOUND);
        for (TestServer node : List.of(nodes.a(), nodes.b())) {
            Http http = node.http();
            Http.Response last;
            int polls = 0;
            do {
                last = http.get(path, "X-API-Key", key.secret());
                polls++;
            } while (!expected.test(last) && Instant.now().isBefore(deadline));
            assertThat(expected.test(last))
                    .as(
                            "node %s answered %s after %s polls, %s ms after the commit: %s",
                            node.baseUrl(),
                            last.status(),
                            polls,
                            Duration.between(since, Instant.now()).toMillis(),
                            last.body())
                    .isTrue();
        }
    }
}
