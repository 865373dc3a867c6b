package br.com.kycert.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.support.Fixtures;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.SerdeRegistry;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The server writes its responses' timestamps with {@link IsoTimestampSerializer}, in the documented format. */
class IsoTimestampSerializerIT {

    @Test
    void responsesTimestampsAreWrittenByTheFastSerializer() throws Exception {
        try (TestDatabase db = TestDatabase.create();
                TestServer server = TestServer.start(db)) {
            assertThat(server.bean(SerdeRegistry.class).findSerializer(Argument.of(OffsetDateTime.class)))
                    .isInstanceOf(IsoTimestampSerializer.class);

            Fixtures fx = new Fixtures(server, db);
            Fixtures.Tenant tenant = fx.tenant("Timestamps");
            Fixtures.Key key = fx.key(tenant, "runs:write", "runs:read");
            UUID run = fx.run(key, tenant.pfTemplate(), "pf", "900.000.001-75");
            fx.sql(
                    "update runs set created_at = '2026-12-03T20:36:00Z', updated_at = '2026-12-03T20:36:00.5Z'"
                            + " where id = ?",
                    run);
            var body = server.http()
                    .get("/api/v1/bureau/runs/" + run, "X-API-Key", key.secret())
                    .json();
            assertThat(body.get("created_at").getStringValue()).isEqualTo("2026-12-03T20:36:00Z");
            assertThat(body.get("updated_at").getStringValue()).isEqualTo("2026-12-03T20:36:00.5Z");
        }
    }
}
