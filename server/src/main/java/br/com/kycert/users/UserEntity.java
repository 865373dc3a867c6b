package br.com.kycert.users;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code users}.
 *
 * @param tenantId null for a support operator
 * @param role the stored role: a member's {@link Role} in lower case, or {@code support}
 */
record UserEntity(
        UUID id, UUID tenantId, String email, String role, String passwordHash, TotpState totp, Lifecycle lifecycle) {

    /** A new account created by {@code actor} at {@code at}: no second factor yet, not removed. */
    static UserEntity created(
            UUID id, UUID tenantId, String email, String role, String passwordHash, String actor, Instant at) {
        return new UserEntity(id, tenantId, email, role, passwordHash, TotpState.NONE, new Lifecycle(actor, at, null));
    }

    /**
     * The second factor. The secrets are sealed by {@link TotpSecretBox}.
     *
     * @param secret the enrolled secret, null when not enrolled
     * @param pendingSecret a secret offered for enrolment and not yet confirmed
     * @param lastStep the last time step accepted, so a code is never accepted twice
     */
    record TotpState(byte[] secret, byte[] pendingSecret, Instant enabledAt, Long lastStep) {

        /** Never enrolled, nothing pending. */
        static final TotpState NONE = new TotpState(null, null, null, null);

        boolean enrolled() {
            return secret != null;
        }
    }

    /** Who created the account and when, and when it was removed (null while active). */
    record Lifecycle(String createdBy, Instant createdAt, Instant removedAt) {}

    boolean support() {
        return tenantId == null;
    }

    Role memberRole() {
        return support() ? null : Role.valueOf(role.toUpperCase(java.util.Locale.ROOT));
    }

    User view() {
        return new User(
                id, tenantId, email, memberRole(), totp.enrolled(), lifecycle.createdBy(), lifecycle.createdAt());
    }
}
