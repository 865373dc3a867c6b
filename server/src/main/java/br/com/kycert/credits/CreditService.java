package br.com.kycert.credits;

import br.com.kycert.audit.AuditLog;
import br.com.kycert.shared.DomainException;
import br.com.kycert.shared.jdbc.Sql;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Live credits. A run reserves its full cost at creation (one conditional UPDATE: the balance can
 * never go below zero, whatever the concurrency), then settles what its succeeded sources cost and
 * refunds the rest when it finishes. Sandbox runs never touch credits.
 */
@Singleton
public class CreditService {

    /** One ledger movement. */
    public record Movement(
            long id,
            UUID runId,
            LedgerKind kind,
            String source,
            long amount,
            long balanceAfter,
            String actor,
            Instant at) {}

    private final Sql sql;
    private final Clock clock;
    private final AuditLog audit;
    private final Counter reserved;
    private final Counter refused;
    private final Counter reservedCredits;
    private final Counter chargedCredits;

    CreditService(Sql sql, Clock clock, AuditLog audit, MeterRegistry meters) {
        this.sql = sql;
        this.clock = clock;
        this.audit = audit;
        this.reserved = Counter.builder("kycert.credits.reservations")
                .description("Live runs' credit reservations, by outcome (insufficient: refused with 402)")
                .tag("outcome", "reserved")
                .register(meters);
        this.refused = Counter.builder("kycert.credits.reservations")
                .description("Live runs' credit reservations, by outcome (insufficient: refused with 402)")
                .tag("outcome", "insufficient")
                .register(meters);
        this.reservedCredits = Counter.builder("kycert.credits.reserved")
                .description("Credits reserved by live runs when they were created")
                .register(meters);
        this.chargedCredits = Counter.builder("kycert.credits.charged")
                .description("Credits charged when live runs finished (the sources that answered)")
                .register(meters);
    }

    @Transactional
    public long grant(UUID tenantId, long amount, String actor) {
        if (amount <= 0) {
            throw DomainException.invalid(
                    "amount", DomainException.Violation.OUT_OF_RANGE, Map.of("value", amount, "min", 1));
        }
        long balance = sql.queryOne(
                        "update tenants set credits_balance = credits_balance + ? where id = ? returning credits_balance",
                        s -> {
                            s.setLong(1, amount);
                            s.setObject(2, tenantId);
                        },
                        row -> row.getLong(1))
                .orElseThrow(() -> DomainException.notFound("tenant", tenantId));
        record(tenantId, null, LedgerKind.GRANT, null, amount, balance, actor);
        audit.record("credits.granted", tenantId, actor, null, null, Map.of("amount", amount, "balance", balance));
        return balance;
    }

    @Transactional
    public long balance(UUID tenantId) {
        return sql.queryOne(
                        "select credits_balance from tenants where id = ?",
                        s -> s.setObject(1, tenantId),
                        row -> row.getLong(1))
                .orElseThrow(() -> DomainException.notFound("tenant", tenantId));
    }

    @Transactional
    public List<Movement> ledger(UUID tenantId, int limit) {
        balance(tenantId);
        return sql.query(
                "select * from credit_ledger where tenant_id = ? order by id desc limit ?",
                s -> {
                    s.setObject(1, tenantId);
                    s.setInt(2, limit);
                },
                row -> new Movement(
                        row.getLong("id"),
                        Sql.uuid(row, "run_id"),
                        LedgerKind.of(row.getString("kind")),
                        row.getString("source"),
                        row.getLong("amount"),
                        row.getLong("balance_after"),
                        row.getString("actor"),
                        Sql.instant(row, "at")));
    }

    /**
     * Reserves {@code amount} for a run in the caller's transaction. Empty when the balance is too
     * low; then nothing changed. Returns the balance left otherwise.
     */
    public OptionalLong reserve(UUID tenantId, UUID runId, long amount) {
        Optional<Long> left = sql.queryOne(
                "update tenants set credits_balance = credits_balance - ?"
                        + " where id = ? and credits_balance >= ? returning credits_balance",
                s -> {
                    s.setLong(1, amount);
                    s.setObject(2, tenantId);
                    s.setLong(3, amount);
                },
                row -> row.getLong(1));
        if (left.isEmpty()) {
            refused.increment();
            return OptionalLong.empty();
        }
        reserved.increment();
        reservedCredits.increment(amount);
        return OptionalLong.of(left.get());
    }

    /** Writes the ledger row of a reservation made by {@link #reserve}, once the run row exists. */
    public void recordReservation(UUID tenantId, UUID runId, long amount, long balanceAfter) {
        record(tenantId, runId, LedgerKind.RESERVE, null, -amount, balanceAfter, "run:" + runId);
    }

    /**
     * Settles a finished live run in the caller's transaction: the reservation is released, then
     * each source that answered is charged its cost. Failed and skipped sources cost nothing.
     */
    public long settle(UUID tenantId, UUID runId, long reserved, Map<String, Long> billable) {
        long balance = add(tenantId, reserved);
        record(tenantId, runId, LedgerKind.RELEASE, null, reserved, balance, "run:" + runId);
        long charged = 0;
        for (Map.Entry<String, Long> source : billable.entrySet()) {
            balance = add(tenantId, -source.getValue());
            charged += source.getValue();
            record(tenantId, runId, LedgerKind.SETTLE, source.getKey(), -source.getValue(), balance, "run:" + runId);
        }
        chargedCredits.increment(charged);
        return charged;
    }

    private long add(UUID tenantId, long amount) {
        return sql.queryOne(
                        "update tenants set credits_balance = credits_balance + ? where id = ? returning credits_balance",
                        s -> {
                            s.setLong(1, amount);
                            s.setObject(2, tenantId);
                        },
                        row -> row.getLong(1))
                .orElseThrow();
    }

    private void record(
            UUID tenantId, UUID runId, LedgerKind kind, String source, long amount, long balanceAfter, String actor) {
        sql.update(
                "insert into credit_ledger (tenant_id, run_id, kind, source, amount, balance_after, actor, at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)",
                s -> {
                    s.setObject(1, tenantId);
                    s.setObject(2, runId, Types.OTHER);
                    s.setString(3, kind.value());
                    s.setString(4, source);
                    s.setLong(5, amount);
                    s.setLong(6, balanceAfter);
                    s.setString(7, actor);
                    s.setTimestamp(8, Sql.timestamp(clock.instant()));
                });
    }
}
