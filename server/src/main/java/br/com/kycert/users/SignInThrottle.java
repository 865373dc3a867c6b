package br.com.kycert.users;

import br.com.kycert.shared.jdbc.Sql;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Counts failed sign-ins per e-mail address and per client address within a window, and locks
 * either out for a while once it reaches its limit. E-mail addresses are counted whether or not an
 * account has them, so a lockout says nothing about which addresses exist. The state is in
 * PostgreSQL, so every node sees the same counts.
 */
@Singleton
class SignInThrottle {

    private final Sql sql;
    private final int maxPerEmail;
    private final int maxPerClient;
    private final Duration window;
    private final Duration lockout;

    SignInThrottle(Sql sql, SignInConfiguration configuration) {
        this.sql = sql;
        this.maxPerEmail = configuration.maxFailuresPerEmail();
        this.maxPerClient = configuration.maxFailuresPerClient();
        this.window = configuration.failureWindow();
        this.lockout = configuration.lockout();
    }

    /** When the e-mail address or the client address is locked out until, if either is now. */
    Optional<Instant> lockedUntil(String email, String client, Instant now) {
        return sql.queryOne(
                "select locked_until from sign_in_failures where subject in (?, ?) and locked_until > ?"
                        + " order by locked_until desc limit 1",
                s -> {
                    s.setBytes(1, subject("email", email));
                    s.setBytes(2, subject("client", client));
                    s.setTimestamp(3, Sql.timestamp(now));
                },
                row -> Sql.instant(row, "locked_until"));
    }

    /** Counts a failure for both; returns the end of a lockout this failure started, if it started one. */
    Optional<Instant> recordFailure(String email, String client, Instant now) {
        Optional<Instant> byEmail = count("email", email, maxPerEmail, now);
        Optional<Instant> byClient = client == null ? Optional.empty() : count("client", client, maxPerClient, now);
        return byEmail.isPresent() ? byEmail : byClient;
    }

    /** A successful sign-in forgives the address's failures (not the client's: one good account must not reset them). */
    void clearEmail(String email) {
        sql.update("delete from sign_in_failures where subject = ?", s -> s.setBytes(1, subject("email", email)));
    }

    private Optional<Instant> count(String kind, String value, int max, Instant now) {
        byte[] subject = subject(kind, value);
        Instant windowStart = now.minus(window);
        int failures = sql.queryOne(
                        "insert into sign_in_failures (subject, kind, failures, window_start) values (?, ?, 1, ?)"
                                + " on conflict (subject) do update set"
                                + " failures = case when sign_in_failures.window_start <= ? then 1"
                                + "     else sign_in_failures.failures + 1 end,"
                                + " window_start = case when sign_in_failures.window_start <= ? then excluded.window_start"
                                + "     else sign_in_failures.window_start end"
                                + " returning failures",
                        s -> {
                            s.setBytes(1, subject);
                            s.setString(2, kind);
                            s.setTimestamp(3, Sql.timestamp(now));
                            s.setTimestamp(4, Sql.timestamp(windowStart));
                            s.setTimestamp(5, Sql.timestamp(windowStart));
                        },
                        row -> row.getInt("failures"))
                .orElseThrow();
        if (failures < max) {
            return Optional.empty();
        }
        Instant until = now.plus(lockout);
        // The count starts again after the lockout, which is what ends it.
        sql.update(
                "update sign_in_failures set locked_until = ?, failures = 0, window_start = ? where subject = ?", s -> {
                    s.setTimestamp(1, Sql.timestamp(until));
                    s.setTimestamp(2, Sql.timestamp(now));
                    s.setBytes(3, subject);
                });
        return Optional.of(until);
    }

    private static byte[] subject(String kind, String value) {
        try {
            String normalized = kind + ":" + (value == null ? "" : value.strip().toLowerCase(Locale.ROOT));
            return MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
