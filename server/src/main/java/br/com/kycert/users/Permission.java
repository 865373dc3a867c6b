package br.com.kycert.users;

/** What a signed-in account may do. {@link Role} says which roles hold which; support staff hold one. */
public enum Permission {
    /** See the tenant's keys, members, settings and audit log. */
    READ,
    /** Create, roll and revoke API keys. */
    MANAGE_KEYS,
    /** Add and remove members and change their roles. */
    MANAGE_MEMBERS,
    /** Change the tenant's security settings (require TOTP). */
    MANAGE_SECURITY,
    /** Grant or withdraw a tenant's {@code detail:read} approval (kycert support only). */
    DECIDE_DETAIL_ACCESS
}
