package br.com.kycert.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.api.model.Decision;
import br.com.kycert.api.model.RunStatus;
import br.com.kycert.api.model.SubjectType;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.bind.RequestBinderRegistry;
import io.micronaut.http.bind.binders.RequestArgumentBinder;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteMatch;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The list's enum query parameters are bound by {@link EnumQueryValueBinder}: absent, they are null without
 * a detour through the framework's bean binding; present, valid or not, they bind as they always did.
 */
class EnumQueryValueBinderIT {

    private static final String RUNS = "/api/v1/bureau/runs";

    @Test
    void enumParametersBindAbsentValidAndInvalidValues() {
        try (TestDatabase db = TestDatabase.create();
                TestServer server = TestServer.start(db)) {
            Map<String, Argument<?>> arguments = listArguments(server);
            RequestBinderRegistry registry = server.bean(RequestBinderRegistry.class);
            for (String name : new String[] {"status", "decision", "subjectType"}) {
                assertThat(registry.findArgumentBinder(arguments.get(name)))
                        .get()
                        .as(name)
                        .isInstanceOf(EnumQueryValueBinder.class);
            }

            var absent = bind(registry, arguments.get("status"), "limit", "5");
            assertThat(absent.isSatisfied()).isFalse();
            assertThat(absent.getValue()).isEmpty();
            assertThat(absent.getConversionErrors()).isEmpty();

            assertThat(bind(registry, arguments.get("status"), "status", "completed")
                            .getValue())
                    .contains(RunStatus.COMPLETED);
            assertThat(bind(registry, arguments.get("decision"), "decision", "rejected")
                            .getValue())
                    .contains(Decision.REJECTED);
            assertThat(bind(registry, arguments.get("subjectType"), "subject_type", "pj")
                            .getValue())
                    .contains(SubjectType.PJ);

            var invalid = bind(registry, arguments.get("decision"), "decision", "maybe");
            assertThat(invalid.getValue()).isEmpty();
            assertThat(invalid.getConversionErrors()).isNotEmpty();
        }
    }

    @Test
    void listsFilterByEveryEnumParameterAndRefuseUnknownValues() {
        try (TestDatabase db = TestDatabase.create();
                TestServer server = TestServer.start(db)) {
            Fixtures fx = new Fixtures(server, db);
            Fixtures.Tenant tenant = fx.tenant("Enum filters");
            Fixtures.Key key = fx.key(tenant, "runs:write", "runs:read");
            UUID run = fx.run(key, tenant.pfTemplate(), "pf", "900.000.001-75");
            var http = server.http();

            var all = http.get(RUNS, "X-API-Key", key.secret());
            assertThat(all.status()).isEqualTo(200);
            assertThat(all.json().get("data").get(0).get("id").getStringValue()).isEqualTo(run.toString());

            var queuedPf = http.get(RUNS + "?status=queued&subject_type=pf", "X-API-Key", key.secret());
            assertThat(queuedPf.status()).isEqualTo(200);
            assertThat(queuedPf.json().get("data").size()).isEqualTo(1);
            var pj = http.get(RUNS + "?subject_type=pj", "X-API-Key", key.secret());
            assertThat(pj.json().get("data").size()).isZero();
            var approved = http.get(RUNS + "?decision=approved&status=completed", "X-API-Key", key.secret());
            assertThat(approved.status()).isEqualTo(200);
            assertThat(approved.json().get("data").size()).isZero();

            for (String query : new String[] {"status=finished", "decision=Approved", "subject_type=cpf"}) {
                var refused = http.get(RUNS + "?" + query, "X-API-Key", key.secret());
                assertThat(refused.status()).as(query).isEqualTo(400);
                assertThat(refused.json().get("code").getStringValue()).isEqualTo("invalid_request");
                assertThat(refused.json().get("errors").get(0).get("field").getStringValue())
                        .isEqualTo(query.substring(0, query.indexOf('=')));
            }
        }
    }

    private static Map<String, Argument<?>> listArguments(TestServer server) {
        UriRouteMatch<Object, Object> route = server.bean(Router.class)
                .<Object, Object>find(HttpMethod.GET, RUNS, HttpRequest.GET(RUNS))
                .findFirst()
                .orElseThrow();
        Map<String, Argument<?>> byName = new HashMap<>();
        for (Argument<?> argument : route.getArguments()) {
            byName.put(argument.getName(), argument);
        }
        return byName;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static RequestArgumentBinder.BindingResult<Object> bind(
            RequestBinderRegistry registry, Argument<?> argument, String parameter, String value) {
        var binder =
                (RequestArgumentBinder) registry.findArgumentBinder(argument).orElseThrow();
        MutableHttpRequest<?> request = HttpRequest.GET(RUNS + "?" + parameter + "=" + value);
        request.getParameters().add(parameter, value); // a simple request does not parse its query
        return binder.bind(ConversionContext.of(argument), request);
    }
}
