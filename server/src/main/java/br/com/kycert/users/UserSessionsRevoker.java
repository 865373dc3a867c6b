package br.com.kycert.users;

import java.util.UUID;

/**
 * Ends an account's sessions. {@link UserService} calls every implementation, in the transaction of
 * the change, when a member is removed or their role changes, so the next request of any of their
 * sessions is signed out (the dashboard's session store implements it).
 */
@FunctionalInterface
public interface UserSessionsRevoker {

    /** Revokes every live session of the account; {@code reason} is {@code removed} or {@code role_changed}. */
    void revokeSessions(UUID userId, String reason);
}
