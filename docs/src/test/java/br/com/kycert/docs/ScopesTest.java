package br.com.kycert.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The scopes table lives in authentication.md only, and says exactly what the spec's x-roles say. */
class ScopesTest {

    private static final Pattern SCOPE_CELL = Pattern.compile("`([a-z]+:[a-z]+)`");
    private static final Pattern ROUTE = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) (/[^`]+)`");

    @Test
    void authenticationGuideStatesEachScopeWithExactlyItsRoutes() {
        Map<String, Set<String>> documented = scopeTable(Guides.named("authentication.md"));
        Map<String, Set<String>> spec = Spec.routesByScope();
        assertThat(spec).as("the spec's x-roles").isNotEmpty();
        assertThat(documented).isEqualTo(spec);
    }

    @Test
    void noOtherGuideHasAScopesTable() {
        List<String> copies = new ArrayList<>();
        for (Markdown guide : Guides.all()) {
            if (!guide.fileName().equals("authentication.md")
                    && !scopeTable(guide).isEmpty()) {
                copies.add(guide.fileName());
            }
        }
        assertThat(copies)
                .as("the scopes table has one home, authentication.md#scopes")
                .isEmpty();
    }

    /** Rows whose first cell is a scope, with the routes named in the row. */
    private static Map<String, Set<String>> scopeTable(Markdown guide) {
        Map<String, Set<String>> table = new TreeMap<>();
        for (List<String> row : guide.tableRows()) {
            Matcher scope = SCOPE_CELL.matcher(row.get(0));
            if (!scope.matches()) {
                continue;
            }
            Set<String> routes = new TreeSet<>();
            Matcher route = ROUTE.matcher(String.join(" | ", row));
            while (route.find()) {
                routes.add(route.group(1) + " " + route.group(2));
            }
            assertThat(table.put(scope.group(1), routes))
                    .as(guide.fileName() + " lists " + scope.group(1) + " once")
                    .isNull();
        }
        return table;
    }
}
