package br.com.kycert.auth;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.support.Fixtures;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two server nodes on one database behave as one: a change made through one holds on the other at once. */
class TwoNodesIT {

    static TestDatabase db;
    static TestServer nodeA;
    static TestServer nodeB;
    static Fixtures fx;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        nodeA = TestServer.start(db);
        nodeB = TestServer.start(db);
        fx = new Fixtures(nodeA, db);
    }

    @AfterAll
    static void stop() {
        nodeA.close();
        nodeB.close();
        db.close();
    }

    @Test
    void aKeyRevokedOnOneNodeIsRefusedByTheOtherOnItsNextRequest() {
        Fixtures.Tenant tenant = fx.tenant("Two nodes");
        Fixtures.Key key = fx.key(tenant, "runs:read");
        for (int i = 0; i < 5; i++) {
            assertThat(nodeB.http()
                            .get("/api/v1/bureau/runs", "X-API-Key", key.secret())
                            .status())
                    .isEqualTo(200);
        }
        fx.revoke(key); // through node A's services, as the CLI does
        var next = nodeB.http().get("/api/v1/bureau/runs", "X-API-Key", key.secret());
        assertThat(next.status()).isEqualTo(401);
        assertThat(next.code()).isEqualTo("invalid_api_key");
    }

    @Test
    void detailApprovalWithdrawnOnOneNodeHoldsOnTheOther() {
        Fixtures.Tenant tenant = fx.tenant("Two nodes detail");
        fx.approveDetail(tenant);
        Fixtures.Key key = fx.key(tenant, "runs:write", "detail:read");
        var run = fx.run(key, tenant.pfTemplate(), "pf", Fixtures.CPF_CLEAR);
        assertThat(nodeB.http()
                        .get("/api/v1/bureau/runs/" + run + "/detail", "X-API-Key", key.secret())
                        .status())
                .isEqualTo(200);
        fx.revokeDetail(tenant);
        assertThat(nodeB.http()
                        .get("/api/v1/bureau/runs/" + run + "/detail", "X-API-Key", key.secret())
                        .code())
                .isEqualTo("insufficient_scope");
    }

    @Test
    void aRunCreatedOnOneNodeIsReadOnTheOther() {
        Fixtures.Tenant tenant = fx.tenant("Two nodes runs");
        Fixtures.Key key = fx.key(tenant, "runs:write", "runs:read");
        var created = nodeA.http()
                .post(
                        "/api/v1/bureau/runs",
                        Fixtures.createBody(tenant.pfTemplate(), "pf", Fixtures.CPF_CLEAR),
                        "X-API-Key",
                        key.secret());
        var read = nodeB.http().get(created.header("Location").orElseThrow(), "X-API-Key", key.secret());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("id").getStringValue())
                .isEqualTo(created.json().get("id").getStringValue());
    }
}
