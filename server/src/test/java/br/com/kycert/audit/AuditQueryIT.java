package br.com.kycert.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.kycert.keys.ApiKeyService;
import br.com.kycert.shared.DomainException;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import br.com.kycert.tenants.TenantService;
import br.com.kycert.users.Role;
import br.com.kycert.users.User;
import br.com.kycert.users.UserService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tenant's audit log as the dashboard reads it: scoped, filtered, paged newest first. */
class AuditQueryIT {

    static TestDatabase db;
    static TestServer server;
    static Fixtures fixtures;
    static AuditQueryService audit;
    static Fixtures.Tenant tenant;
    static Fixtures.Tenant other;
    static Fixtures.Key erp;
    static Fixtures.Key staging;
    static User ana;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        server = TestServer.start(db);
        fixtures = new Fixtures(server, db);
        audit = server.bean(AuditQueryService.class);
        tenant = fixtures.tenant("Corretora Audit");
        other = fixtures.tenant("Outra");
        erp = fixtures.key(tenant, "runs:write", "runs:read");
        staging = fixtures.key(tenant, "runs:read");
        fixtures.key(other, "runs:read");
        UserService users = server.bean(UserService.class);
        ana = users.createMember(tenant.id(), "ana@audit.com.br", Role.OWNER, "ana's password".toCharArray(), "test");
        users.signIn("ana@audit.com.br", "wrong password".toCharArray(), null, "10.1.1.1");
        users.signIn("ana@audit.com.br", "ana's password".toCharArray(), null, "10.1.1.1");
        server.bean(TenantService.class).setDetailAccess(tenant.id(), true, "support:x", "contract");
        for (int i = 0; i < 3; i++) {
            assertThat(server.http()
                            .get("/api/v1/bureau/runs", "X-API-Key", erp.secret())
                            .status())
                    .isEqualTo(200);
        }
        assertThat(server.http()
                        .get("/api/v1/bureau/runs", "X-API-Key", staging.secret())
                        .status())
                .isEqualTo(200);
        server.bean(RequestAuditor.class).flush();
        server.bean(ApiKeyService.class).revoke(staging.id(), "user:" + ana.id());
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    static List<AuditQueryService.Entry> all(AuditQueryService.Filter filter, int limit) {
        List<AuditQueryService.Entry> out = new ArrayList<>();
        String cursor = null;
        do {
            AuditQueryService.Page page = audit.list(tenant.id(), filter, cursor, limit);
            assertThat(page.data()).hasSizeLessThanOrEqualTo(limit);
            assertThat(page.hasMore()).isEqualTo(page.nextCursor() != null);
            out.addAll(page.data());
            cursor = page.nextCursor();
        } while (cursor != null);
        return out;
    }

    @Test
    void pagesWalkEveryEntryOnceNewestFirstAndNeverAnotherTenants() {
        List<AuditQueryService.Entry> entries = all(AuditQueryService.Filter.ALL, 2);
        assertThat(new HashSet<>(
                        entries.stream().map(AuditQueryService.Entry::id).toList()))
                .hasSize(entries.size());
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i - 1).at()).isAfterOrEqualTo(entries.get(i).at());
        }
        assertThat(entries)
                .extracting(AuditQueryService.Entry::action)
                .contains(
                        "tenant.created",
                        "api_key.created",
                        "api_key.revoked",
                        "member.created",
                        "user.sign_in_failed",
                        "user.signed_in",
                        "tenant.detail_access.approved",
                        "api.request");
        assertThat(all(AuditQueryService.Filter.ALL, 100)).isEqualTo(entries);
        long mine = fixtures.count("select count(*) from audit_log where tenant_id = ?", tenant.id());
        assertThat(entries).hasSize((int) mine);
        assertThat(audit.list(other.id(), AuditQueryService.Filter.ALL, null, 100)
                        .data())
                .noneMatch(e -> e.key().id() != null
                        && (e.key().id().equals(erp.id()) || e.key().id().equals(staging.id())));
    }

    @Test
    void aKeysEntriesShowItsNameAndItsRequests() {
        List<AuditQueryService.Entry> entries = all(new AuditQueryService.Filter(erp.id(), null), 100);
        assertThat(entries)
                .extracting(AuditQueryService.Entry::action)
                .containsExactly("api.request", "api.request", "api.request", "api_key.created");
        assertThat(entries).allSatisfy(e -> assertThat(e.key().name()).isEqualTo("test key [runs:write, runs:read]"));
        AuditQueryService.Entry request = entries.get(0);
        assertThat(request.request().method()).isEqualTo("GET");
        assertThat(request.request().route()).isEqualTo("/api/v1/bureau/runs");
        assertThat(request.request().status()).isEqualTo(200);
        assertThat(request.kind()).isEqualTo(AuditKind.API_REQUESTS);

        List<AuditQueryService.Entry> requests = all(new AuditQueryService.Filter(null, AuditKind.API_REQUESTS), 100);
        assertThat(requests).hasSize(4);
        // Another tenant's key id finds nothing, exactly as a missing one.
        assertThat(audit.list(other.id(), new AuditQueryService.Filter(erp.id(), null), null, 20)
                        .data())
                .isEmpty();
    }

    @Test
    void kindsFilterAndPeopleAreNamedByTheirEmail() {
        assertThat(all(new AuditQueryService.Filter(null, AuditKind.SIGN_IN), 100))
                .extracting(AuditQueryService.Entry::action)
                .containsExactly("user.signed_in", "user.sign_in_failed");
        List<AuditQueryService.Entry> keys = all(new AuditQueryService.Filter(null, AuditKind.KEYS), 100);
        assertThat(keys)
                .extracting(AuditQueryService.Entry::action)
                .containsExactly("api_key.revoked", "api_key.created", "api_key.created");
        assertThat(keys.get(0).actor().name()).isEqualTo("ana@audit.com.br");
        List<AuditQueryService.Entry> detail = all(new AuditQueryService.Filter(null, AuditKind.DETAIL_ACCESS), 100);
        assertThat(detail)
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("reason", "contract"));
        assertThat(all(new AuditQueryService.Filter(null, AuditKind.MEMBERS), 100))
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("email", "ana@audit.com.br"));
        assertThat(AuditKind.parse("sign_in")).isEqualTo(AuditKind.SIGN_IN);
        assertThatThrownBy(() -> AuditKind.parse("everything"))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.field()).isEqualTo("kind"));
    }

    @Test
    void badCursorsAndLimitsAreRefused() {
        assertThatThrownBy(() -> audit.list(tenant.id(), AuditQueryService.Filter.ALL, "not-a-cursor", 20))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("invalid_cursor"));
        assertThatThrownBy(() -> audit.list(tenant.id(), AuditQueryService.Filter.ALL, null, 0))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.field()).isEqualTo("limit"));
        assertThatThrownBy(() -> audit.list(tenant.id(), AuditQueryService.Filter.ALL, null, 101))
                .isInstanceOf(DomainException.class);
    }
}
