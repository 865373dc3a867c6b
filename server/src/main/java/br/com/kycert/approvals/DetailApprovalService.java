package br.com.kycert.approvals;

import br.com.kycert.shared.DomainException;
import br.com.kycert.tenants.TenantService;
import br.com.kycert.users.Permission;
import br.com.kycert.users.SignedIn;
import br.com.kycert.users.UserService;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The support console's service: find tenants, grant or withdraw their detail approval, with a reason. */
@Singleton
public class DetailApprovalService {

    static final int SEARCH_LIMIT = 50;

    private final TenantService tenants;

    DetailApprovalService(TenantService tenants) {
        this.tenants = tenants;
    }

    /** Tenants by id, or by a part of their name; support staff only. */
    @Transactional
    public List<TenantService.Tenant> find(SignedIn acting, String query) {
        UserService.require(acting, Permission.DECIDE_DETAIL_ACCESS);
        if (query == null || query.isBlank()) {
            return List.of();
        }
        return tenants.search(query, SEARCH_LIMIT);
    }

    @Transactional
    public TenantService.Tenant tenant(SignedIn acting, UUID tenantId) {
        UserService.require(acting, Permission.DECIDE_DETAIL_ACCESS);
        return tenants.find(tenantId).orElseThrow(() -> DomainException.notFound("tenant", tenantId));
    }

    /**
     * Grants ({@code approve}) or withdraws detail access. A reason is required: the tenant reads it in
     * its audit log. Withdrawal ends detail access on the very next API request.
     */
    @Transactional
    public TenantService.Tenant decide(SignedIn acting, UUID tenantId, boolean approve, String reason) {
        UserService.require(acting, Permission.DECIDE_DETAIL_ACCESS);
        if (reason == null || reason.isBlank()) {
            throw DomainException.invalid("reason", DomainException.Violation.REQUIRED, Map.of("max", 500));
        }
        return tenants.setDetailAccess(tenantId, approve, acting.actor(), reason);
    }
}
