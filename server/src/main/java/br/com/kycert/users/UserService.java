package br.com.kycert.users;

import br.com.kycert.audit.AuditLog;
import br.com.kycert.shared.DomainException;
import br.com.kycert.shared.DomainException.Kind;
import br.com.kycert.shared.DomainException.Violation;
import br.com.kycert.shared.Ids;
import br.com.kycert.tenants.TenantService;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.nio.CharBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Tenant members and support staff: creating, listing, removing and re-roling them, signing in, and
 * the TOTP second factor. Every refusal is a {@link DomainException}; every change and every sign-in
 * attempt is audited. Methods taking a {@link SignedIn} act for that account and check its role;
 * methods taking an operator name are the CLI's and check nothing but the input.
 */
@Singleton
public class UserService {

    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 1024;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");
    private static final String ISSUER = "kycert";

    /** A TOTP enrolment in progress: what the member types or scans into an authenticator app. */
    public record TotpEnrolment(String secretBase32, String otpauthUri) {}

    private final UserRepository users;
    private final SignInThrottle throttle;
    private final PasswordHasher hasher;
    private final TotpSecretBox secrets;
    private final TenantService tenants;
    private final AuditLog audit;
    private final List<UserSessionsRevoker> revokers;
    private final Ids ids;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    UserService(
            UserRepository users,
            SignInThrottle throttle,
            PasswordHasher hasher,
            TotpSecretBox secrets,
            TenantService tenants,
            AuditLog audit,
            List<UserSessionsRevoker> revokers,
            Ids ids,
            Clock clock) {
        this.users = users;
        this.throttle = throttle;
        this.hasher = hasher;
        this.secrets = secrets;
        this.tenants = tenants;
        this.audit = audit;
        this.revokers = List.copyOf(revokers);
        this.ids = ids;
        this.clock = clock;
    }

    // ---- accounts -------------------------------------------------------------------------------

    /** Creates a member of a tenant (operator CLI; no role check). */
    @Transactional
    public User createMember(UUID tenantId, String email, Role role, char[] password, String operator) {
        tenants.find(tenantId).orElseThrow(() -> DomainException.notFound("tenant", tenantId));
        return insert(tenantId, email, role, password, operator);
    }

    /** Adds a member to the acting member's tenant; admins may not add owners. */
    @Transactional
    public User addMember(SignedIn.Member acting, String email, Role role, char[] password) {
        require(acting, Permission.MANAGE_MEMBERS);
        if (!acting.role().mayManage(role)) {
            throw roleRefused(acting, role);
        }
        return insert(acting.tenantId(), email, role, password, acting.actor());
    }

    /** Creates a kycert support account (operator CLI only): no tenant, detail approvals only. */
    @Transactional
    public User createSupport(String email, char[] password, String operator) {
        return insert(null, email, null, password, operator);
    }

    private User insert(UUID tenantId, String email, Role role, char[] password, String actor) {
        String address = email(email);
        checkPassword(password);
        if (users.emailTaken(address)) {
            throw DomainException.invalid("email", Violation.DUPLICATE, Map.of());
        }
        UserEntity user = UserEntity.created(
                ids.next(),
                tenantId,
                address,
                Role.valueOf(role),
                hasher.hash(CharBuffer.wrap(password)),
                actor,
                clock.instant());
        users.insert(user);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("user_id", user.id().toString());
        details.put("email", address);
        details.put("role", user.role());
        audit.record(role == null ? "support.created" : "member.created", tenantId, actor, null, null, details);
        return user.view();
    }

    /** The tenant's current members (operator CLI). */
    @Transactional
    public List<User> list(UUID tenantId) {
        tenants.find(tenantId).orElseThrow(() -> DomainException.notFound("tenant", tenantId));
        return users.listMembers(tenantId).stream().map(UserEntity::view).toList();
    }

    /** The acting member's tenant's members; any role may read them. */
    @Transactional
    public List<User> members(SignedIn.Member acting) {
        require(acting, Permission.READ);
        return users.listMembers(acting.tenantId()).stream()
                .map(UserEntity::view)
                .toList();
    }

    /** Current support staff (operator CLI). */
    @Transactional
    public List<User> supportStaff() {
        return users.listSupport().stream().map(UserEntity::view).toList();
    }

    /** Removes any account (operator CLI); its sessions end at once. */
    @Transactional
    public User remove(UUID userId, String operator) {
        UserEntity user = users.findActiveForUpdate(userId).orElseThrow(() -> DomainException.notFound("user", userId));
        return removeEntity(user, operator);
    }

    /**
     * Removes a member of the acting member's tenant. Another tenant's member is not found, exactly as
     * a missing one; admins may not remove owners; the last owner stays.
     */
    @Transactional
    public User removeMember(SignedIn.Member acting, UUID userId) {
        require(acting, Permission.MANAGE_MEMBERS);
        UserEntity user = memberOf(acting, userId);
        if (!acting.role().mayManage(user.memberRole())) {
            throw roleRefused(acting, user.memberRole());
        }
        if (user.memberRole() == Role.OWNER && users.countOwnersForUpdate(acting.tenantId()) <= 1) {
            throw lastOwner();
        }
        return removeEntity(user, acting.actor());
    }

    private User removeEntity(UserEntity user, String actor) {
        users.remove(user.id(), actor, clock.instant());
        revokers.forEach(r -> r.revokeSessions(user.id(), "removed"));
        audit.record(
                user.support() ? "support.removed" : "member.removed",
                user.tenantId(),
                actor,
                null,
                null,
                Map.of("user_id", user.id().toString(), "email", user.email(), "role", user.role()));
        return user.view();
    }

    /** Changes a member's role; their sessions end, so the new role applies from their next sign-in. */
    @Transactional
    public User changeRole(SignedIn.Member acting, UUID userId, Role role) {
        require(acting, Permission.MANAGE_MEMBERS);
        UserEntity user = memberOf(acting, userId);
        Role from = user.memberRole();
        if (!acting.role().mayManage(from)) {
            throw roleRefused(acting, from);
        }
        if (!acting.role().mayManage(role)) {
            throw roleRefused(acting, role);
        }
        if (from == role) {
            return user.view();
        }
        if (from == Role.OWNER && users.countOwnersForUpdate(acting.tenantId()) <= 1) {
            throw lastOwner();
        }
        users.setRole(user.id(), role.value());
        revokers.forEach(r -> r.revokeSessions(user.id(), "role_changed"));
        audit.record(
                "member.role_changed",
                acting.tenantId(),
                acting.actor(),
                null,
                null,
                Map.of(
                        "user_id",
                        user.id().toString(),
                        "email",
                        user.email(),
                        "from",
                        from.value(),
                        "to",
                        role.value()));
        return users.findActive(user.id()).orElseThrow().view();
    }

    /**
     * The account behind a live session as it is now, or empty once it has been removed: sessions
     * re-read it on every request, so a changed role or a removal takes effect at once.
     */
    @Transactional
    public Optional<SignedIn> current(UUID userId) {
        return users.findActive(userId).map(this::principal);
    }

    // ---- signing in -----------------------------------------------------------------------------

    /**
     * Checks an e-mail address, a password and, when the account has TOTP, a code. An unknown address
     * and a wrong password get the same answer after the same work (an Argon2id check against a
     * dummy hash), and failures count against both the address and the client, known accounts or
     * not, until a temporary lockout. Every attempt is audited (never the password).
     *
     * @param totpCode the 6-digit code, or null on a first attempt
     * @param clientAddress the client's IP address, or null when there is none (then only the e-mail counts)
     */
    @Transactional
    public SignInResult signIn(String email, char[] password, String totpCode, String clientAddress) {
        Instant now = clock.instant();
        String address = email == null ? "" : email.strip();
        char[] secret = password == null ? new char[0] : password;
        Optional<Instant> locked = throttle.lockedUntil(address, clientAddress, now);
        Optional<UserEntity> user =
                address.isEmpty() || address.length() > 254 ? Optional.empty() : users.findActiveByEmail(address);
        boolean passwordOk = user.isPresent()
                ? hasher.verify(CharBuffer.wrap(secret), user.get().passwordHash())
                : hasher.verifyNothing(CharBuffer.wrap(secret));
        UUID tenantId = user.map(UserEntity::tenantId).orElse(null);
        if (locked.isPresent()) {
            failed(user, tenantId, "locked", clientAddress);
            return new SignInResult.Refused(SignInResult.Refusal.LOCKED, locked.get());
        }
        if (!passwordOk) {
            return failure(
                    user,
                    tenantId,
                    "bad_credentials",
                    SignInResult.Refusal.BAD_CREDENTIALS,
                    address,
                    clientAddress,
                    now);
        }
        UserEntity account = user.orElseThrow();
        if (account.totp().secret() != null) {
            if (totpCode == null || totpCode.isBlank()) {
                return new SignInResult.Refused(SignInResult.Refusal.TOTP_REQUIRED, null);
            }
            OptionalLong step = Totp.match(secrets.open(account.totp().secret()), totpCode, now);
            if (step.isEmpty() || !users.useTotpStep(account.id(), step.getAsLong())) {
                return failure(
                        user, tenantId, "totp_wrong", SignInResult.Refusal.TOTP_WRONG, address, clientAddress, now);
            }
        }
        throttle.clearEmail(address);
        if (hasher.outdated(account.passwordHash())) {
            users.setPasswordHash(account.id(), hasher.hash(CharBuffer.wrap(secret)));
        }
        SignedIn principal = principal(account);
        audit.record("user.signed_in", tenantId, principal.actor(), null, null, clientDetails(clientAddress, null));
        return new SignInResult.Success(principal);
    }

    private SignInResult failure(
            Optional<UserEntity> user,
            UUID tenantId,
            String reason,
            SignInResult.Refusal refusal,
            String address,
            String clientAddress,
            Instant now) {
        Optional<Instant> lockout = throttle.recordFailure(address, clientAddress, now);
        failed(user, tenantId, reason, clientAddress);
        if (lockout.isPresent()) {
            audit.record(
                    "user.locked_out",
                    tenantId,
                    actor(user),
                    null,
                    null,
                    clientDetails(
                            clientAddress, Map.of("locked_until", lockout.get().toString())));
            return new SignInResult.Refused(SignInResult.Refusal.LOCKED, lockout.get());
        }
        return new SignInResult.Refused(refusal, null);
    }

    private void failed(Optional<UserEntity> user, UUID tenantId, String reason, String clientAddress) {
        audit.record(
                "user.sign_in_failed",
                tenantId,
                actor(user),
                null,
                null,
                clientDetails(clientAddress, Map.of("reason", reason)));
    }

    private static String actor(Optional<UserEntity> user) {
        return user.map(u -> (u.support() ? "support:" : "user:") + u.id()).orElse("anonymous");
    }

    private static Map<String, Object> clientDetails(String clientAddress, Map<String, Object> more) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (clientAddress != null) {
            details.put("client_address", clientAddress);
        }
        if (more != null) {
            details.putAll(more);
        }
        return details;
    }

    // ---- TOTP -----------------------------------------------------------------------------------

    /**
     * Starts (or restarts) TOTP enrolment: a new secret, kept pending until a code from it is
     * confirmed. An account that already has TOTP keeps it until the new one is confirmed.
     */
    @Transactional
    public TotpEnrolment beginTotpEnrolment(SignedIn acting) {
        UserEntity user = users.findActiveForUpdate(acting.userId())
                .orElseThrow(() -> DomainException.notFound("user", acting.userId()));
        byte[] secret = Totp.newSecret(random);
        users.setPendingTotp(user.id(), secrets.seal(secret));
        return new TotpEnrolment(Totp.base32(secret), Totp.otpauthUri(ISSUER, user.email(), secret));
    }

    /** Confirms enrolment with a code from the pending secret; from then on sign-in asks for a code. */
    @Transactional
    public User confirmTotpEnrolment(SignedIn acting, String code) {
        UserEntity user = users.findActiveForUpdate(acting.userId())
                .orElseThrow(() -> DomainException.notFound("user", acting.userId()));
        if (user.totp().pendingSecret() == null) {
            throw new DomainException(
                    Kind.CONFLICT, "totp_enrolment_not_started", null, null, Map.of(), "no TOTP enrolment in progress");
        }
        byte[] secret = secrets.open(user.totp().pendingSecret());
        OptionalLong step = Totp.match(secret, code, clock.instant());
        if (step.isEmpty()) {
            throw new DomainException(
                    Kind.INVALID,
                    "totp_code_invalid",
                    "code",
                    Violation.INVALID_FORMAT,
                    Map.of(),
                    "the TOTP code does not match");
        }
        users.enableTotp(user.id(), secrets.seal(secret), step.getAsLong(), clock.instant());
        audit.record(
                "user.totp_enabled",
                user.tenantId(),
                acting.actor(),
                null,
                null,
                Map.of("user_id", user.id().toString(), "email", user.email()));
        return users.findActive(user.id()).orElseThrow().view();
    }

    /** An owner requires (or stops requiring) TOTP for every member of the tenant. */
    @Transactional
    public void setTotpRequired(SignedIn.Member acting, boolean required) {
        require(acting, Permission.MANAGE_SECURITY);
        tenants.setTotpRequired(acting.tenantId(), required, acting.actor());
    }

    @Transactional
    public boolean totpRequired(UUID tenantId) {
        return tenants.totpRequired(tenantId);
    }

    // ---- rules ----------------------------------------------------------------------------------

    /** Refuses with {@code insufficient_role} unless the account may do this. */
    public static void require(SignedIn acting, Permission permission) {
        if (!acting.may(permission)) {
            throw new DomainException(
                    Kind.FORBIDDEN,
                    "insufficient_role",
                    null,
                    Violation.NOT_ALLOWED,
                    Map.of("permission", permission.name().toLowerCase(Locale.ROOT), "role", roleOf(acting)),
                    roleOf(acting) + " may not " + permission.name().toLowerCase(Locale.ROOT));
        }
    }

    private SignedIn principal(UserEntity user) {
        if (user.support()) {
            return new SignedIn.Support(user.id(), user.email());
        }
        boolean mustEnrol = !user.totp().enrolled() && tenants.totpRequired(user.tenantId());
        return new SignedIn.Member(user.id(), user.tenantId(), user.email(), user.memberRole(), mustEnrol);
    }

    private UserEntity memberOf(SignedIn.Member acting, UUID userId) {
        return users.findActiveForUpdate(userId)
                .filter(u -> acting.tenantId().equals(u.tenantId()))
                .orElseThrow(() -> DomainException.notFound("user", userId));
    }

    private static String roleOf(SignedIn acting) {
        return Role.valueOf(acting instanceof SignedIn.Member m ? m.role() : null);
    }

    private static DomainException roleRefused(SignedIn.Member acting, Role target) {
        return new DomainException(
                Kind.FORBIDDEN,
                "insufficient_role",
                "role",
                Violation.NOT_ALLOWED,
                Map.of("role", acting.role().value(), "target_role", target.value()),
                acting.role().value() + " may not manage " + target.value());
    }

    private static DomainException lastOwner() {
        return new DomainException(
                Kind.CONFLICT,
                "last_owner",
                "role",
                Violation.NOT_ALLOWED,
                Map.of(),
                "a tenant keeps at least one owner");
    }

    private static String email(String email) {
        if (email == null || email.isBlank()) {
            throw DomainException.invalid("email", Violation.REQUIRED, Map.of());
        }
        String address = email.strip();
        if (address.length() > 254) {
            throw DomainException.invalid("email", Violation.LENGTH, Map.of("max", 254));
        }
        if (!EMAIL.matcher(address).matches()) {
            throw DomainException.invalid("email", Violation.INVALID_FORMAT, Map.of());
        }
        return address;
    }

    private static void checkPassword(char[] password) {
        if (password == null || password.length == 0) {
            throw DomainException.invalid("password", Violation.REQUIRED, Map.of("min", MIN_PASSWORD));
        }
        if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
            throw DomainException.invalid(
                    "password", Violation.LENGTH, Map.of("min", MIN_PASSWORD, "max", MAX_PASSWORD));
        }
    }
}
