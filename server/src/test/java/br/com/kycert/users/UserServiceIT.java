package br.com.kycert.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.kycert.shared.DomainException;
import br.com.kycert.support.RecordingSessionsRevoker;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import br.com.kycert.tenants.TenantService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Accounts, sign-in, lockout and TOTP against a real PostgreSQL. */
class UserServiceIT {

    static TestDatabase db;
    static TestServer server;
    static UserService users;
    static TenantService tenants;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        server = TestServer.start(
                db,
                Map.of(
                        "kycert.test.record-session-revocations",
                        "true",
                        "kycert.sign-in.max-failures-per-email",
                        5,
                        "kycert.sign-in.max-failures-per-client",
                        12,
                        "kycert.sign-in.lockout",
                        "3s"));
        users = server.bean(UserService.class);
        tenants = server.bean(TenantService.class);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    static char[] pw(String s) {
        return s.toCharArray();
    }

    static String unique(String local) {
        return local + "+" + UUID.randomUUID().toString().substring(0, 8) + "@corretora.com.br";
    }

    static UUID tenant() {
        return tenants.create("Corretora " + UUID.randomUUID(), "test").id();
    }

    static SignedIn.Member member(User user) {
        return new SignedIn.Member(user.id(), user.tenantId(), user.email(), user.role(), false);
    }

    /** A client address of its own per test, so the per-client counts of tests do not add up. */
    static String client() {
        return "10.0." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSameAnswerAfterTheSameWork() throws Exception {
        String email = unique("ana");
        users.createMember(tenant(), email, Role.OWNER, pw("a long enough password"), "test");
        String client = client();
        long[] unknown = new long[4];
        long[] wrong = new long[4];
        for (int i = 0; i < 4; i++) {
            long t0 = System.nanoTime();
            SignInResult a = users.signIn(unique("nobody"), pw("a long enough password"), null, client);
            unknown[i] = System.nanoTime() - t0;
            long t1 = System.nanoTime();
            SignInResult b = users.signIn(email.toUpperCase(), pw("not the password"), null, client);
            wrong[i] = System.nanoTime() - t1;
            assertThat(a).isEqualTo(b).isEqualTo(new SignInResult.Refused(SignInResult.Refusal.BAD_CREDENTIALS, null));
        }
        // An unknown address runs a full Argon2id check too: it is neither much faster nor slower.
        Arrays.sort(unknown);
        Arrays.sort(wrong);
        double ratio = (double) (unknown[1] + unknown[2]) / (wrong[1] + wrong[2]);
        assertThat(ratio).as("median time unknown / wrong password").isBetween(0.33, 3.0);

        SignInResult ok = users.signIn(" " + email.toUpperCase() + " ", pw("a long enough password"), null, client);
        assertThat(ok).isInstanceOf(SignInResult.Success.class);
        assertThat(actions()).contains("user.sign_in_failed", "user.signed_in");
        assertThat(auditText()).doesNotContain("a long enough password").doesNotContain("not the password");
    }

    @Test
    void repeatedFailuresLockTheAddressKnownOrNotUntilTheLockoutEnds() throws Exception {
        String email = unique("bruno");
        User user = users.createMember(tenant(), email, Role.ADMIN, pw("the right password"), "test");
        String unknown = unique("ghost");
        List<SignInResult> known = new ArrayList<>();
        List<SignInResult> ghost = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            known.add(users.signIn(email, pw("wrong password " + i), null, client()));
            ghost.add(users.signIn(unknown, pw("wrong password " + i), null, client()));
        }
        assertThat(known.subList(0, 4))
                .allMatch(r -> r.equals(new SignInResult.Refused(SignInResult.Refusal.BAD_CREDENTIALS, null)));
        assertThat(known.get(4)).isInstanceOfSatisfying(SignInResult.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(SignInResult.Refusal.LOCKED);
            assertThat(r.retryAfter()).isAfter(Instant.now());
        });
        // The same for an address no account has: a lockout tells nothing about who exists.
        assertThat(ghost.stream().map(r -> ((SignInResult.Refused) r).reason()).toList())
                .isEqualTo(known.stream()
                        .map(r -> ((SignInResult.Refused) r).reason())
                        .toList());

        // Locked: even the right password is refused, from any client.
        assertThat(users.signIn(email, pw("the right password"), null, client()))
                .isInstanceOfSatisfying(
                        SignInResult.Refused.class, r -> assertThat(r.reason()).isEqualTo(SignInResult.Refusal.LOCKED));
        assertThat(count("user.locked_out", user.tenantId())).isEqualTo(1);

        Thread.sleep(3_200);
        assertThat(users.signIn(email, pw("the right password"), null, client()))
                .isInstanceOf(SignInResult.Success.class);
    }

    @Test
    void oneClientTryingManyAddressesIsLockedOutButOthersAreNot() {
        String email = unique("carla");
        users.createMember(tenant(), email, Role.VIEWER, pw("carla's password"), "test");
        String attacker = client();
        SignInResult last = null;
        for (int i = 0; i < 12; i++) {
            last = users.signIn(unique("guess" + i), pw("password guess"), null, attacker);
        }
        assertThat(((SignInResult.Refused) last).reason()).isEqualTo(SignInResult.Refusal.LOCKED);
        assertThat(users.signIn(email, pw("carla's password"), null, attacker))
                .isInstanceOfSatisfying(
                        SignInResult.Refused.class, r -> assertThat(r.reason()).isEqualTo(SignInResult.Refusal.LOCKED));
        assertThat(users.signIn(email, pw("carla's password"), null, client()))
                .isInstanceOf(SignInResult.Success.class);
    }

    @Test
    void totpIsAskedForCheckedAndNeverAcceptedTwice() throws Exception {
        String email = unique("dora");
        User user = users.createMember(tenant(), email, Role.OWNER, pw("dora's long password"), "test");
        SignedIn.Member dora = member(user);
        UserService.TotpEnrolment enrolment = users.beginTotpEnrolment(dora);
        assertThat(enrolment.otpauthUri())
                .startsWith("otpauth://totp/kycert:")
                .contains("secret=" + enrolment.secretBase32());
        byte[] secret = base32(enrolment.secretBase32());
        assertThat(secret).hasSize(20);

        assertThatThrownBy(() -> users.confirmTotpEnrolment(dora, "000000".equals(now(secret)) ? "111111" : "000000"))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("totp_code_invalid"));
        // Until confirmed, sign-in needs no code.
        assertThat(users.signIn(email, pw("dora's long password"), null, client()))
                .isInstanceOf(SignInResult.Success.class);
        String enrolCode = now(secret);
        assertThat(users.confirmTotpEnrolment(dora, enrolCode).totpEnabled()).isTrue();
        assertThat(actions()).contains("user.totp_enabled");

        String c = client();
        assertThat(users.signIn(email, pw("dora's long password"), null, c))
                .isEqualTo(new SignInResult.Refused(SignInResult.Refusal.TOTP_REQUIRED, null));
        assertThat(users.signIn(email, pw("dora's long password"), wrong(now(secret)), c))
                .isEqualTo(new SignInResult.Refused(SignInResult.Refusal.TOTP_WRONG, null));
        // The code that confirmed enrolment is spent; so is one used to sign in.
        assertThat(users.signIn(email, pw("dora's long password"), enrolCode, c))
                .isEqualTo(new SignInResult.Refused(SignInResult.Refusal.TOTP_WRONG, null));
        String next = Totp.code(secret, Totp.step(Instant.now()) + 1, 6);
        assertThat(users.signIn(email, pw("dora's long password"), next, c)).isInstanceOf(SignInResult.Success.class);
        assertThat(users.signIn(email, pw("dora's long password"), next, c))
                .isEqualTo(new SignInResult.Refused(SignInResult.Refusal.TOTP_WRONG, null));
        // The secret is sealed at rest.
        try (Connection conn = db.connect();
                PreparedStatement s = conn.prepareStatement("select totp_secret from users where id = ?")) {
            s.setObject(1, user.id());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                assertThat(r.getBytes(1)).isNotEqualTo(secret).hasSizeGreaterThan(secret.length);
            }
        }
    }

    @Test
    void anOwnerCanRequireTotpAndMembersWithoutItMustEnrol() {
        UUID tenantId = tenant();
        User owner = users.createMember(tenantId, unique("owner"), Role.OWNER, pw("owner's password"), "test");
        User admin = users.createMember(tenantId, unique("admin"), Role.ADMIN, pw("admin's password"), "test");
        assertThatThrownBy(() -> users.setTotpRequired(member(admin), true))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("insufficient_role"));
        users.setTotpRequired(member(owner), true);
        assertThat(users.totpRequired(tenantId)).isTrue();
        SignInResult result = users.signIn(admin.email(), pw("admin's password"), null, client());
        assertThat(((SignedIn.Member) ((SignInResult.Success) result).principal()).totpEnrolmentRequired())
                .isTrue();
        assertThat(count("tenant.totp_required", tenantId)).isEqualTo(1);
    }

    @Test
    void rolesDecideWhoManagesWhomAndAnotherTenantsMemberIsNotFound() {
        UUID tenantId = tenant();
        User owner = users.createMember(tenantId, unique("o"), Role.OWNER, pw("owner's password"), "test");
        User admin = users.createMember(tenantId, unique("a"), Role.ADMIN, pw("admin's password"), "test");
        User viewer = users.createMember(tenantId, unique("v"), Role.VIEWER, pw("viewer's password"), "test");
        User stranger = users.createMember(tenant(), unique("s"), Role.VIEWER, pw("stranger password"), "test");

        assertThatThrownBy(() -> users.addMember(member(viewer), unique("x"), Role.VIEWER, pw("some password!")))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("insufficient_role");
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
                });
        assertThatThrownBy(() -> users.addMember(member(admin), unique("x"), Role.OWNER, pw("some password!")))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("insufficient_role"));
        assertThatThrownBy(() -> users.removeMember(member(admin), owner.id()))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("insufficient_role"));
        assertThatThrownBy(() -> users.removeMember(member(admin), stranger.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("user_not_found");
                    assertThat(e.facts()).containsEntry("id", stranger.id());
                });
        assertThatThrownBy(() -> users.removeMember(member(admin), UUID.randomUUID()))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("user_not_found"));
        assertThatThrownBy(() -> users.removeMember(member(owner), owner.id()))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("last_owner"));
        assertThatThrownBy(() -> users.changeRole(member(owner), owner.id(), Role.ADMIN))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("last_owner"));

        User added = users.addMember(member(admin), unique("dev"), Role.DEVELOPER, pw("developer password"));
        assertThat(added.role()).isEqualTo(Role.DEVELOPER);
        assertThat(users.changeRole(member(admin), added.id(), Role.VIEWER).role())
                .isEqualTo(Role.VIEWER);
        users.removeMember(member(admin), viewer.id());
        assertThat(users.members(member(owner)))
                .extracting(User::id)
                .containsExactly(owner.id(), admin.id(), added.id());
        assertThat(users.current(viewer.id())).isEmpty();
        assertThat(users.current(added.id()))
                .get()
                .extracting(p -> ((SignedIn.Member) p).role())
                .isEqualTo(Role.VIEWER);

        var revoked = server.bean(RecordingSessionsRevoker.class).revocations();
        assertThat(revoked)
                .contains(
                        new RecordingSessionsRevoker.Revocation(added.id(), "role_changed"),
                        new RecordingSessionsRevoker.Revocation(viewer.id(), "removed"));
        assertThat(count("member.created", tenantId)).isEqualTo(4);
        assertThat(count("member.role_changed", tenantId)).isEqualTo(1);
        assertThat(count("member.removed", tenantId)).isEqualTo(1);
        // A removed member cannot sign in; the answer is the unknown address's.
        assertThat(users.signIn(viewer.email(), pw("viewer's password"), null, client()))
                .isEqualTo(new SignInResult.Refused(SignInResult.Refusal.BAD_CREDENTIALS, null));
    }

    @Test
    void emailsAreUniqueIgnoringCaseAndInputIsChecked() {
        UUID tenantId = tenant();
        String email = unique("Eva");
        User eva = users.createMember(tenantId, email, Role.VIEWER, pw("eva's password"), "test");
        assertThatThrownBy(() ->
                        users.createMember(tenant(), email.toUpperCase(), Role.VIEWER, pw("another password"), "t"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.field()).isEqualTo("email");
                    assertThat(e.violation()).isEqualTo(DomainException.Violation.DUPLICATE);
                });
        assertThatThrownBy(() -> users.createMember(tenantId, "not-an-email", Role.VIEWER, pw("a fine password"), "t"))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.field()).isEqualTo("email"));
        assertThatThrownBy(() -> users.createMember(tenantId, unique("f"), Role.VIEWER, pw("short"), "t"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.field()).isEqualTo("password");
                    assertThat(e.facts()).containsEntry("min", 12);
                });
        assertThatThrownBy(() ->
                        users.createMember(UUID.randomUUID(), unique("g"), Role.VIEWER, pw("a fine password"), "t"))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("tenant_not_found"));
        // Once removed, the address is free again.
        users.remove(eva.id(), "test");
        assertThat(users.createMember(tenantId, email, Role.ADMIN, pw("eva's new password"), "test")
                        .role())
                .isEqualTo(Role.ADMIN);
    }

    @Test
    void supportStaffSignInWithoutATenant() {
        String email = unique("suporte");
        User staff = users.createSupport(email, pw("support's password"), "test");
        assertThat(staff.support()).isTrue();
        assertThat(staff.roleValue()).isEqualTo("support");
        SignInResult result = users.signIn(email, pw("support's password"), null, client());
        assertThat(((SignInResult.Success) result).principal()).isEqualTo(new SignedIn.Support(staff.id(), email));
        assertThat(users.supportStaff()).extracting(User::id).contains(staff.id());
    }

    static String now(byte[] secret) {
        return Totp.code(secret, Totp.step(Instant.now()), 6);
    }

    static String wrong(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 500_000) % 1_000_000);
    }

    static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        byte[] out = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int i = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out[i++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }

    static List<String> actions() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect();
                ResultSet r = c.createStatement().executeQuery("select action from audit_log order by id")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    static String auditText() throws Exception {
        try (Connection c = db.connect();
                ResultSet r = c.createStatement().executeQuery("select string_agg(a::text, '\n') from audit_log a")) {
            r.next();
            return r.getString(1);
        }
    }

    static int count(String action, UUID tenantId) {
        try (Connection c = db.connect();
                PreparedStatement s =
                        c.prepareStatement("select count(*) from audit_log where action = ? and tenant_id = ?")) {
            s.setString(1, action);
            s.setObject(2, tenantId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
