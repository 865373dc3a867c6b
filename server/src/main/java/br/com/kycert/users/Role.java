package br.com.kycert.users;

import br.com.kycert.shared.DomainException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A tenant member's role, and the one place that says what each may do: {@code viewer} reads,
 * {@code developer} also manages keys, {@code admin} also manages members, {@code owner} also the
 * tenant's security settings and other owners. Support staff are not a role of a tenant; see
 * {@link SignedIn.Support}.
 */
public enum Role {
    OWNER(EnumSet.of(Permission.READ, Permission.MANAGE_KEYS, Permission.MANAGE_MEMBERS, Permission.MANAGE_SECURITY)),
    ADMIN(EnumSet.of(Permission.READ, Permission.MANAGE_KEYS, Permission.MANAGE_MEMBERS)),
    DEVELOPER(EnumSet.of(Permission.READ, Permission.MANAGE_KEYS)),
    VIEWER(EnumSet.of(Permission.READ));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }

    /**
     * Whether a member of this role may give {@code target} to someone, or change or remove someone
     * who holds it. Admins manage everyone but owners; only an owner makes or unmakes an owner.
     */
    public boolean mayManage(Role target) {
        return allows(Permission.MANAGE_MEMBERS) && (target != OWNER || this == OWNER);
    }

    /** The value used in the database, the CLI and the dashboard: {@code owner}, {@code admin}... */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What kycert support staff, who belong to no tenant and so have no {@link Role}, are stored and shown as. */
    public static final String SUPPORT = "support";

    /** The stored and shown role of an account: its role's value, or {@link #SUPPORT} for support staff (null). */
    public static String valueOf(Role role) {
        return role == null ? SUPPORT : role.value();
    }

    public static List<String> values(boolean lowerCase) {
        return Arrays.stream(values())
                .map(r -> lowerCase ? r.value() : r.name())
                .toList();
    }

    /** Parses a role, refusing anything else with {@code validation_failed} on {@code field}. */
    public static Role parse(String value, String field) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid(field, DomainException.Violation.REQUIRED, Map.of("allowed", values(true)));
        }
        for (Role role : values()) {
            if (role.value().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return role;
            }
        }
        throw DomainException.invalid(
                field, DomainException.Violation.UNKNOWN_VALUE, Map.of("value", value, "allowed", values(true)));
    }
}
