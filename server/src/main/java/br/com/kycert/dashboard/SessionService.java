package br.com.kycert.dashboard;

import br.com.kycert.shared.Ids;
import io.micronaut.context.annotation.Value;
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
public class SessionService {

    /** A new session and the token to put in the cookie: the only moment the token exists in clear. */
    public record Started(DashboardSession session, String token) {}

    private static final SecureRandom RANDOM = new SecureRandom();
    // Writing last_seen_at on every page view would cost a write per request for nothing.
    private static final Duration TOUCH_GRANULARITY = Duration.ofSeconds(30);

    private final SessionRepository sessions;
    private final Ids ids;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration absoluteTimeout;

    SessionService(SessionRepository sessions, Ids ids, Clock clock,
                   @Value("${kycert.dashboard.session.idle-timeout:30m}") Duration idleTimeout,
                   @Value("${kycert.dashboard.session.absolute-timeout:12h}") Duration absoluteTimeout) {
        this.sessions = sessions;
        this.ids = ids;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.absoluteTimeout = absoluteTimeout;
    }

    /** Signs a user in. {@code tenantId} is null for support staff. */
    @Transactional
    public Started start(UUID userId, UUID tenantId, String email, String role) {
        Instant now = clock.instant();
        String token = randomToken();
        DashboardSession session = new DashboardSession(ids.next(), userId, tenantId, email, role, randomToken(),
                now.plus(absoluteTimeout));
        sessions.insert(session, digest(token), now);
        return new Started(session, token);
    }

    /** The live session behind a cookie token: known, not revoked, neither idle nor past its absolute expiry. */
    @Transactional
    public Optional<DashboardSession> resume(String token) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return sessions.findByDigest(digest(token))
                .filter(s -> s.revokedAt() == null)
                .filter(s -> now.isBefore(s.session().expiresAt()))
                .filter(s -> now.isBefore(s.lastSeenAt().plus(idleTimeout)))
                .map(s -> {
                    if (s.lastSeenAt().plus(TOUCH_GRANULARITY).isBefore(now)) {
                        sessions.touch(s.session().id(), now);
                    }
                    return s.session();
                });
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
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
