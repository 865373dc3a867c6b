package br.com.kycert.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.kycert.shared.DomainException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void viewerOnlyReads() {
        assertThat(Role.VIEWER.allows(Permission.READ)).isTrue();
        assertThat(Role.VIEWER.allows(Permission.MANAGE_KEYS)).isFalse();
        assertThat(Role.VIEWER.allows(Permission.MANAGE_MEMBERS)).isFalse();
        assertThat(Role.VIEWER.allows(Permission.MANAGE_SECURITY)).isFalse();
    }

    @Test
    void developerManagesKeysButNotMembers() {
        assertThat(Role.DEVELOPER.allows(Permission.MANAGE_KEYS)).isTrue();
        assertThat(Role.DEVELOPER.allows(Permission.MANAGE_MEMBERS)).isFalse();
        assertThat(Role.DEVELOPER.mayManage(Role.VIEWER)).isFalse();
    }

    @Test
    void adminManagesMembersAndKeysButNotOwnersNorSecurity() {
        assertThat(Role.ADMIN.allows(Permission.MANAGE_KEYS)).isTrue();
        assertThat(Role.ADMIN.allows(Permission.MANAGE_MEMBERS)).isTrue();
        assertThat(Role.ADMIN.allows(Permission.MANAGE_SECURITY)).isFalse();
        assertThat(Role.ADMIN.mayManage(Role.ADMIN)).isTrue();
        assertThat(Role.ADMIN.mayManage(Role.OWNER)).isFalse();
    }

    @Test
    void ownerDoesEverythingATenantCan() {
        for (Permission p : Permission.values()) {
            assertThat(Role.OWNER.allows(p)).as(p.name()).isEqualTo(p != Permission.DECIDE_DETAIL_ACCESS);
        }
        assertThat(Role.OWNER.mayManage(Role.OWNER)).isTrue();
    }

    @Test
    void supportStaffOnlyDecideDetailAccess() {
        SignedIn support = new SignedIn.Support(UUID.randomUUID(), "suporte@kycert.com.br");
        for (Permission p : Permission.values()) {
            assertThat(support.may(p)).as(p.name()).isEqualTo(p == Permission.DECIDE_DETAIL_ACCESS);
        }
        SignedIn owner = new SignedIn.Member(UUID.randomUUID(), UUID.randomUUID(), "o@x.com", Role.OWNER, false);
        assertThat(owner.may(Permission.DECIDE_DETAIL_ACCESS)).isFalse();
    }

    @Test
    void parsesTheFourRolesAndRefusesOthersNamingTheField() {
        assertThat(Role.parse(" Admin ", "role")).isEqualTo(Role.ADMIN);
        assertThatThrownBy(() -> Role.parse("support", "role")).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo("validation_failed");
            assertThat(e.field()).isEqualTo("role");
            assertThat(e.violation()).isEqualTo(DomainException.Violation.UNKNOWN_VALUE);
        });
    }
}
