package br.com.kycert.users;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code users}. The TOTP secrets are sealed by {@link TotpSecretBox}. */
record UserEntity(
        UUID id,
        UUID tenantId,
        String email,
        String role,
        String passwordHash,
        byte[] totpSecret,
        byte[] totpPendingSecret,
        Instant totpEnabledAt,
        Long totpLastStep,
        String createdBy,
        Instant createdAt,
        Instant removedAt) {

    boolean support() {
        return tenantId == null;
    }

    Role memberRole() {
        return support() ? null : Role.valueOf(role.toUpperCase(java.util.Locale.ROOT));
    }

    User view() {
        return new User(id, tenantId, email, memberRole(), totpSecret != null, createdBy, createdAt);
    }
}
