package br.com.kycert.client;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.client.FakeKycertServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeysTest {

    private FakeKycertServer server;
    private KycertClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeKycertServer();
        client = Fixtures.clientFor(server, new Fixtures.RecordingSleeper()).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void meDescribesTheKeyAndItsQuota() {
        server.enqueue(Reply.json(200, """
                {"id":"9b2f6c1e-3d4a-4e5f-8a7b-1c2d3e4f5a6b","object":"api_key","name":"Onboarding","environment":"sandbox",
                 "scopes":["runs:read"],"effective_scopes":["runs:read"],"subject_type":null,"status":"active",
                 "last4":"x9Qa","expires_at":null,"created_at":"2026-06-03T12:00:00Z",
                 "rate_limit":{"per_key":25,"per_tenant":50,"window_seconds":1,"remaining":24}}
                """)
                .withHeader("RateLimit-Policy", "\"key\";q=25;w=1, \"tenant\";q=50;w=1")
                .withHeader("RateLimit", "\"key\";r=24;t=1, \"tenant\";r=49;t=1"));
        var me = client.keys().meWithResponse(null);
        assertThat(me.data().getName()).isEqualTo("Onboarding");
        assertThat(me.data().getRateLimit().getPerKey()).isEqualTo(25);
        assertThat(me.rateLimit()).hasValueSatisfying(q -> {
            assertThat(q.policy()).isEqualTo("key");
            assertThat(q.remaining()).isEqualTo(24);
            assertThat(q.limit()).isEqualTo(25);
        });
        assertThat(server.requests().get(0).path()).isEqualTo("/api/v1/keys/me");
    }
}
