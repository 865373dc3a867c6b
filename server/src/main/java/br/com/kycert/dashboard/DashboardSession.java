package br.com.kycert.dashboard;

import br.com.kycert.users.Permission;
import br.com.kycert.users.Role;
import br.com.kycert.users.SignedIn;
import java.time.Instant;
import java.util.UUID;

/**
 * A live dashboard session and the account behind it, as that account is now (re-read on every
 * request, so a removal or a role change applies at once).
 *
 * @param csrfToken the synchronizer token every state-changing form of this session must carry
 */
public record DashboardSession(UUID id, SignedIn user, String csrfToken, Instant expiresAt) {

    /** kycert's own support staff: no tenant, only detail-approval decisions. */
    public boolean isSupport() {
        return user instanceof SignedIn.Support;
    }

    /** The member's tenant; null for support staff. */
    public UUID tenantId() {
        return user instanceof SignedIn.Member m ? m.tenantId() : null;
    }

    public String email() {
        return user.email();
    }

    /** {@code owner}, {@code admin}, {@code developer}, {@code viewer}, or {@code support}. */
    public String role() {
        return Role.valueOf(user instanceof SignedIn.Member m ? m.role() : null);
    }

    public boolean may(Permission permission) {
        return user.may(permission);
    }

    /** The member, for pages only members reach (the gate keeps support staff out of them). */
    public SignedIn.Member member() {
        if (user instanceof SignedIn.Member m) {
            return m;
        }
        throw new IllegalStateException("not a tenant member");
    }

    /** The actor written to the audit log for what this user does. */
    public String actor() {
        return user.actor();
    }
}
