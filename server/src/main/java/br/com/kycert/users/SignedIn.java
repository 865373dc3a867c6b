package br.com.kycert.users;

import java.util.UUID;

/** Who a successful sign-in (or a live session) belongs to: a tenant member or kycert support staff. */
public sealed interface SignedIn permits SignedIn.Member, SignedIn.Support {

    UUID userId();

    String email();

    /** How the audit log names this account: {@code user:<id>} or {@code support:<id>}. */
    String actor();

    boolean may(Permission permission);

    /**
     * A member of one tenant's staff.
     *
     * @param totpEnrolmentRequired the tenant requires TOTP and this member has not enrolled yet: the
     *     dashboard must send them to enrolment before anything else
     */
    record Member(UUID userId, UUID tenantId, String email, Role role, boolean totpEnrolmentRequired)
            implements SignedIn {
        @Override
        public String actor() {
            return "user:" + userId;
        }

        @Override
        public boolean may(Permission permission) {
            return permission != Permission.DECIDE_DETAIL_ACCESS && role.allows(permission);
        }
    }

    /** kycert's own support staff: no tenant; may only decide detail approvals. */
    record Support(UUID userId, String email) implements SignedIn {
        @Override
        public String actor() {
            return "support:" + userId;
        }

        @Override
        public boolean may(Permission permission) {
            return permission == Permission.DECIDE_DETAIL_ACCESS;
        }
    }
}
