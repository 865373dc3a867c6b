package br.com.kycert.users;

import java.time.Instant;
import java.util.UUID;

/**
 * An account as front ends list it: never its password hash or TOTP secret.
 *
 * @param tenantId null for support staff
 * @param role null for support staff
 */
public record User(
        UUID id, UUID tenantId, String email, Role role, boolean totpEnabled, String createdBy, Instant createdAt) {

    public boolean support() {
        return tenantId == null;
    }

    /** {@code owner}, {@code admin}, {@code developer}, {@code viewer} or {@code support}. */
    public String roleValue() {
        return Role.valueOf(role);
    }
}
