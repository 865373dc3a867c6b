/**
 * Dashboard accounts: tenant staff with a role, kycert support staff, Argon2id passwords, sign-in
 * with throttling and lockout, an optional TOTP second factor, and the one table of what each role
 * may do ({@link br.com.kycert.users.Role}). Front ends (CLI, dashboard) call {@link
 * br.com.kycert.users.UserService}; sessions belong to the dashboard, which learns of removals and
 * role changes through {@link br.com.kycert.users.UserSessionsRevoker}.
 */
package br.com.kycert.users;
