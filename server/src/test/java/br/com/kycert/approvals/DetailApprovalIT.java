package br.com.kycert.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.kycert.shared.DomainException;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import br.com.kycert.tenants.TenantService;
import br.com.kycert.users.Role;
import br.com.kycert.users.SignedIn;
import br.com.kycert.users.User;
import br.com.kycert.users.UserService;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Support's detail approval decisions: support only, with a reason, audited, and effective at once. */
class DetailApprovalIT {

    static TestDatabase db;
    static TestServer server;
    static Fixtures fixtures;
    static DetailApprovalService approvals;
    static SignedIn.Support support;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        server = TestServer.start(db);
        fixtures = new Fixtures(server, db);
        approvals = server.bean(DetailApprovalService.class);
        User staff = server.bean(UserService.class)
                .createSupport("suporte@kycert.com.br", "support's password".toCharArray(), "test");
        support = new SignedIn.Support(staff.id(), staff.email());
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    @Test
    void supportFindsATenantByNameOrIdAndDecidesWithAReasonThatTakesEffectOnTheNextRequest() {
        Fixtures.Tenant tenant = fixtures.tenant("Corretora Zeta 100% Digital");
        fixtures.tenant("Outra Corretora");
        assertThat(approvals.find(support, "zeta 100%"))
                .extracting(TenantService.Tenant::id)
                .containsExactly(tenant.id());
        assertThat(approvals.find(support, tenant.id().toString()))
                .extracting(TenantService.Tenant::id)
                .containsExactly(tenant.id());
        assertThat(approvals.find(support, "_")).isEmpty();
        assertThat(approvals.find(support, " ")).isEmpty();

        assertThatThrownBy(() -> approvals.decide(support, tenant.id(), true, " "))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.field()).isEqualTo("reason");
                    assertThat(e.violation()).isEqualTo(DomainException.Violation.REQUIRED);
                });
        assertThatThrownBy(() -> approvals.decide(support, tenant.id(), true, "x".repeat(501)))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.field()).isEqualTo("reason"));
        assertThatThrownBy(() -> approvals.decide(support, UUID.randomUUID(), true, "ok"))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("tenant_not_found"));

        TenantService.Tenant approved = approvals.decide(support, tenant.id(), true, "Contrato assinado em 01/12");
        assertThat(approved.detailAccess()).isTrue();
        assertThat(approved.detailAccessChangedBy()).isEqualTo(support.actor());
        assertThat(approved.detailAccessReason()).isEqualTo("Contrato assinado em 01/12");

        Fixtures.Key detail = fixtures.key(tenant, "detail:read");
        String path = "/api/v1/bureau/runs/" + UUID.randomUUID() + "/detail";
        // The scope passes: a missing run is what remains.
        assertThat(server.http().get(path, "X-API-Key", detail.secret()).code()).isEqualTo("run_not_found");

        approvals.decide(support, tenant.id(), false, "Contrato encerrado");
        var refused = server.http().get(path, "X-API-Key", detail.secret());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("insufficient_scope");

        assertThat(fixtures.count(
                        "select count(*) from audit_log where tenant_id = ? and actor = ?"
                                + " and action in ('tenant.detail_access.approved', 'tenant.detail_access.revoked')"
                                + " and details->>'reason' is not null",
                        tenant.id(),
                        support.actor()))
                .isEqualTo(2);
    }

    @Test
    void tenantStaffOfAnyRoleMayNotDecideOrSearch() {
        Fixtures.Tenant tenant = fixtures.tenant("Corretora Eta");
        User owner = server.bean(UserService.class)
                .createMember(tenant.id(), "dono@eta.com.br", Role.OWNER, "owner's password".toCharArray(), "test");
        SignedIn.Member member = new SignedIn.Member(owner.id(), tenant.id(), owner.email(), Role.OWNER, false);
        assertThatThrownBy(() -> approvals.decide(member, tenant.id(), true, "eu mesmo aprovo"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("insufficient_role");
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
                });
        assertThatThrownBy(() -> approvals.find(member, "Eta"))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("insufficient_role"));
        assertThat(server.bean(TenantService.class)
                        .find(tenant.id())
                        .orElseThrow()
                        .detailAccess())
                .isFalse();
    }
}
