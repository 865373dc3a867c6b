package br.com.kycert.dashboard;

import java.time.Instant;
import java.util.UUID;

/**
 * A signed-in dashboard user, as the session records them.
 *
 * @param tenantId null for kycert support staff, who belong to no tenant
 * @param csrfToken the synchronizer token every state-changing form of this session must carry
 */
public record DashboardSession(
        UUID id, UUID userId, UUID tenantId, String email, String role, String csrfToken, Instant expiresAt) {

    /** kycert's own support staff: no tenant, only detail-approval decisions. */
    public boolean isSupport() {
        return tenantId == null;
    }

    /** The actor written to the audit log for what this user does. */
    public String actor() {
        return "user:" + email;
    }
}
