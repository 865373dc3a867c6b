package br.com.kycert.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The server's scopes are the contract's: the enum and the spec's {@code info.x-scopes} list the same ones. */
class ScopeTest {

    @Test
    void theEnumListsExactlyTheSpecsScopesWithTheSameApprovalRule() throws IOException {
        Map<String, Boolean> spec = new LinkedHashMap<>();
        for (Map<String, Object> entry : specScopes()) {
            spec.put((String) entry.get("scope"), (Boolean) entry.get("needs_approval"));
        }
        Map<String, Boolean> server = new LinkedHashMap<>();
        for (Scope scope : Scope.values()) {
            server.put(scope.value(), scope.needsApproval());
        }
        assertThat(server).containsExactlyEntriesOf(spec);
        assertThat(Scope.allowedValues()).containsExactlyElementsOf(spec.keySet());
    }

    @Test
    void valuesAreFoundOnlyWhenExact() {
        assertThat(Scope.find("runs:write")).contains(Scope.RUNS_WRITE);
        assertThat(Scope.find("RUNS:WRITE")).isEmpty();
        assertThat(Scope.find("runs:delete")).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> specScopes() throws IOException {
        try (InputStream in = ScopeTest.class.getResourceAsStream("/openapi/kycert.yaml")) {
            Map<String, Object> root = new Yaml().load(in);
            Map<String, Object> info = (Map<String, Object>) root.get("info");
            return (List<Map<String, Object>>) info.get("x-scopes");
        }
    }
}
