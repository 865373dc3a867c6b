package br.com.kycert.runs;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.api.model.RunList;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import io.micronaut.core.type.Argument;
import io.micronaut.http.MediaType;
import io.micronaut.http.body.MessageBodyHandlerRegistry;
import io.micronaut.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Pages of runs are written by {@link RunListBodyWriter}, finished runs from what it wrote the first time, and the
 * bytes are the serializer's own: every page read back and written again by the serializer is the same text.
 */
class RunListBodyWriterIT {

    private static final String RUNS = "/api/v1/bureau/runs";

    @Test
    void pagesAreWrittenByteForByteAsTheSerializerWritesThem() throws Exception {
        try (TestDatabase db = TestDatabase.create();
                TestServer server = TestServer.start(db)) {
            assertThat(server.bean(MessageBodyHandlerRegistry.class)
                            .findWriter(Argument.of(RunList.class), List.of(MediaType.APPLICATION_JSON_TYPE)))
                    .get()
                    .isInstanceOf(RunListBodyWriter.class);

            JsonMapper json = server.bean(JsonMapper.class);
            RunListBodyWriter writer = server.bean(RunListBodyWriter.class);
            Fixtures fx = new Fixtures(server, db);
            Fixtures.Tenant tenant = fx.tenant("Written pages");
            Fixtures.Key key = fx.key(tenant, "runs:write", "runs:read");
            var http = server.http();

            var empty = http.get(RUNS, "X-API-Key", key.secret());
            assertSerializersBytes(json, writer, empty.body());
            assertThat(empty.json().get("data").size()).isZero();

            List<String> names =
                    List.of("Zé \"Aspas\" \\ barra", "Emoji 😀 </script> & <b>", "Ação Ñandú Ünïcødé", "Plain Name");
            for (String name : names) {
                var created = http.post(
                        RUNS,
                        "{\"template_id\":\"" + tenant.pfTemplate()
                                + "\",\"subject\":{\"type\":\"pf\",\"doc\":\"900.000.001-75\",\"name\":"
                                + json.writeValueAsString(name) + "}}",
                        "X-API-Key",
                        key.secret());
                assertThat(created.status()).isEqualTo(201);
            }
            UUID completed = fx.run(key, tenant.pfTemplate(), "pf", "900.000.002-56");
            fx.complete(completed, "review");

            for (String query : new String[] {"", "?limit=1", "?limit=2", "?limit=100", "?status=completed"}) {
                // Twice: the second page has finished runs from what the writer kept.
                for (int pass = 0; pass < 2; pass++) {
                    var page = http.get(RUNS + query, "X-API-Key", key.secret());
                    assertThat(page.status()).isEqualTo(200);
                    assertThat(page.header("content-type")).hasValue("application/json");
                    assertSerializersBytes(json, writer, page.body());
                }
            }
            // The finished run's JSON is kept with it, and is what the page carried.
            var cache = server.bean(FinishedRunCache.class);
            assertThat(cache.json(completed)).isPresent();
            assertThat(http.get(RUNS + "?status=completed", "X-API-Key", key.secret())
                            .body())
                    .contains(new String(cache.json(completed).orElseThrow(), StandardCharsets.UTF_8));
            var all = http.get(RUNS + "?limit=100", "X-API-Key", key.secret()).json();
            assertThat(all.get("data").size()).isEqualTo(5);
            var first = http.get(RUNS + "?limit=1", "X-API-Key", key.secret()).json();
            assertThat(first.get("has_more").getBooleanValue()).isTrue();
            assertThat(first.get("next_cursor").getStringValue()).isNotEmpty();
        }
    }

    /** The body read back and written again by the serializer (and by the writer) is the same text. */
    private static void assertSerializersBytes(JsonMapper json, RunListBodyWriter writer, String body)
            throws Exception {
        RunList page = json.readValue(body, Argument.of(RunList.class));
        assertThat(new String(json.writeValueAsBytes(page), StandardCharsets.UTF_8))
                .isEqualTo(body);
        assertThat(new String(writer.write(page), StandardCharsets.UTF_8)).isEqualTo(body);
    }
}
