package br.com.kycert.dashboard;

import br.com.kycert.shared.Ids;
import br.com.kycert.users.Role;
import br.com.kycert.users.SignedIn;
import br.com.kycert.users.UserService;
import br.com.kycert.users.UserSessionsRevoker;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Server-side dashboard sessions. The browser holds only an opaque random token; the database holds
 * only its SHA-256 digest (the token has 256 random bits, so a fast digest is the right tool), with an
 * idle and an absolute expiry. Revocable one by one (sign-out) or all of a user's at once (removed
 * user, changed role): the next request of a revoked session is signed out.
 */
@Singleton
public class SessionService implements UserSessionsRevoker {

    /** A new session and the token to put in the cookie: the only moment the token exists in clear. */
    public record Started(DashboardSession session, String token) {}

    private static final SecureRandom RANDOM = new SecureRandom();
    // Writing last_seen_at on every page view would cost a write per request for nothing.
    private static final Duration TOUCH_GRANULARITY = Duration.ofSeconds(30);

    private final SessionRepository sessions;
    // A provider: UserService calls back into this bean (UserSessionsRevoker) when it removes a user.
    private final Provider<UserService> users;
    private final Ids ids;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration absoluteTimeout;

    SessionService(
            SessionRepository sessions,
            Provider<UserService> users,
            Ids ids,
            Clock clock,
            SessionConfiguration configuration) {
        this.sessions = sessions;
        this.users = users;
        this.ids = ids;
        this.clock = clock;
        this.idleTimeout = configuration.idleTimeout();
        this.absoluteTimeout = configuration.absoluteTimeout();
    }

    /** Starts a session for an account that has just signed in (always a new token: no fixation). */
    @Transactional
    public Started start(SignedIn user) {
        Instant now = clock.instant();
        String token = randomToken();
        UUID tenantId = user instanceof SignedIn.Member m ? m.tenantId() : null;
        String role = Role.valueOf(user instanceof SignedIn.Member m ? m.role() : null);
        var stored = new SessionRepository.NewSession(
                ids.next(), user.userId(), tenantId, user.email(), role, randomToken(), now.plus(absoluteTimeout));
        sessions.insert(stored, digest(token), now);
        return new Started(new DashboardSession(stored.id(), user, stored.csrfToken(), stored.expiresAt()), token);
    }

    /**
     * The live session behind a cookie token: known, not revoked, neither idle nor past its absolute
     * expiry, and its account still there (as it is now: a changed role shows at once).
     */
    @Transactional
    public Optional<DashboardSession> resume(String token) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        var live = sessions.findByDigest(digest(token))
                .filter(s -> s.revokedAt() == null)
                .filter(s -> now.isBefore(s.expiresAt()))
                .filter(s -> now.isBefore(s.lastSeenAt().plus(idleTimeout)));
        if (live.isEmpty()) {
            return Optional.empty();
        }
        var stored = live.get();
        Optional<SignedIn> user = users.get().current(stored.userId());
        if (user.isEmpty()) {
            sessions.revoke(stored.id(), "removed", now);
            return Optional.empty();
        }
        if (stored.lastSeenAt().plus(TOUCH_GRANULARITY).isBefore(now)) {
            sessions.touch(stored.id(), now);
        }
        return Optional.of(new DashboardSession(stored.id(), user.get(), stored.csrfToken(), stored.expiresAt()));
    }

    /** Sign-out: this session only. */
    @Transactional
    public void end(UUID sessionId) {
        sessions.revoke(sessionId, "signed_out", clock.instant());
    }

    /**
     * Revokes every session of a user, e.g. when the user is removed or their role changes; returns
     * how many were live. Call it in the transaction that makes the change.
     */
    @Transactional
    public int revokeAllOf(UUID userId, String reason) {
        return sessions.revokeAllOfUser(userId, reason, clock.instant());
    }

    @Override
    public void revokeSessions(UUID userId, String reason) {
        revokeAllOf(userId, reason);
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    Duration absoluteTimeout() {
        return absoluteTimeout;
    }

    /** 32 random bytes, base64url without padding (43 characters). */
    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Constant-time comparison of two tokens (CSRF), so timing reveals nothing about the expected one. */
    static boolean sameToken(String expected, String presented) {
        if (expected == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
