package br.com.kycert.runs;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.credits.CreditService;
import br.com.kycert.shared.Environment;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.TwoNodes;
import br.com.kycert.templates.TemplateService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node plans a run from the template as it holds it, and the insert checks that version is still the stored one:
 * a template changed on another node (or by the CLI) is never used at its old version, and a run planned from it is
 * planned again, with nothing of the first plan left behind.
 */
class TemplateVersionIT {

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
    void aRunIsPlannedFromTheStoredTemplateAfterAnotherNodeChangedIt() {
        Fixtures.Tenant tenant = fx.tenant("Template versions");
        Fixtures.Key key = fx.key(tenant, "runs:write", "runs:read");
        UUID first = fx.run(key, tenant.pfTemplate(), "pf", "900.000.001-75"); // node A now holds version 1
        assertThat(templateVersion(first)).isEqualTo(1);
        assertThat(sources(first)).containsExactly("receita_cpf", "pep", "sanctions", "ceis_cnep", "lawsuits");

        nodes.b()
                .bean(TemplateService.class)
                .update(tenant.pfTemplate(), null, List.of("receita_cpf", "pep"), List.of(), null);

        UUID second = fx.run(key, tenant.pfTemplate(), "pf", "900.000.001-75");
        assertThat(templateVersion(second)).isEqualTo(2);
        assertThat(sources(second)).containsExactly("receita_cpf", "pep");
        UUID third = fx.run(key, tenant.pfTemplate(), "pf", "900.000.001-75");
        assertThat(templateVersion(third)).isEqualTo(2);
        assertThat(fx.count("select count(*) from runs where tenant_id = ?", tenant.id()))
                .isEqualTo(3);
        assertThat(fx.count(
                        "select count(*) from runs r, jsonb_array_elements(r.planned_checks) c where r.tenant_id = ?",
                        tenant.id()))
                .isEqualTo(5 + 2 + 2);
    }

    @Test
    void aLiveRunPlannedFromAStaleTemplateReservesOnceAtTheStoredTemplatesCost() {
        Fixtures.Tenant tenant = fx.tenantWithoutCredits("Template versions, live");
        nodes.a().bean(CreditService.class).grant(tenant.id(), 100, "test");
        Fixtures.Key live = fx.key(tenant, Environment.LIVE, null, "runs:write", "runs:read");
        UUID first = fx.run(live, tenant.pfTemplate(), "pf", "900.000.002-56");
        assertThat(nodes.a().bean(CreditService.class).balance(tenant.id())).isEqualTo(91);

        nodes.b()
                .bean(TemplateService.class)
                .update(tenant.pfTemplate(), null, List.of("receita_cpf", "pep"), List.of(), null);

        UUID second = fx.run(live, tenant.pfTemplate(), "pf", "900.000.002-56");
        assertThat(templateVersion(second)).isEqualTo(2);
        assertThat(nodes.a().bean(CreditService.class).balance(tenant.id())).isEqualTo(88);
        assertThat(strings(
                        "select run_id::text || ' ' || amount from credit_ledger where tenant_id = ? and kind = 'reserve'"
                                + " order by at, amount",
                        tenant.id()))
                .containsExactlyInAnyOrder(first + " -9", second + " -3");
        assertThat(fx.count("select count(*) from runs where tenant_id = ?", tenant.id()))
                .isEqualTo(2);
    }

    private static long templateVersion(UUID run) {
        return fx.count("select template_version from runs where id = ?", run);
    }

    private static List<String> sources(UUID run) {
        return strings(
                "select c ->> 'source' from runs r, jsonb_array_elements(r.planned_checks) with ordinality as p(c, n)"
                        + " where r.id = ? order by p.n",
                run);
    }

    private static List<String> strings(String sql, Object arg) {
        try (Connection c = nodes.db().connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, arg);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
