package br.com.kycert.audit;

import br.com.kycert.shared.DomainException;
import br.com.kycert.shared.jdbc.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads one tenant's audit log — who did what and when, and the API requests of each key — newest
 * first, filtered by key and by kind, a page at a time with an opaque cursor, as the API pages runs.
 * Every query is bound to one tenant; there is no way to ask for another's entries.
 */
@Singleton
public class AuditQueryService {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /**
     * One entry.
     *
     * @param action what happened, e.g. {@code api_key.created} or {@code api.request}
     * @param kind the filter the action belongs to, if any
     */
    public record Entry(
            long id,
            Instant at,
            String action,
            @Nullable AuditKind kind,
            Actor actor,
            KeyRef key,
            Request request,
            Map<String, Object> details) {

        /** The same entry with its actor named. */
        Entry withActorName(@Nullable String name) {
            return new Entry(id, at, action, kind, new Actor(actor.ref(), name), key, request, details);
        }
    }

    /**
     * Who did it.
     *
     * @param ref the actor as stored, e.g. {@code user:<id>} or {@code api_key:<id>}
     * @param name the actor's e-mail address when it is a person the tenant can know, else null
     */
    public record Actor(String ref, @Nullable String name) {}

    /**
     * The key an entry concerns (both null when it concerns none).
     *
     * @param name the key's name as it was named at the time
     */
    public record KeyRef(@Nullable UUID id, @Nullable String name) {}

    /** The API request an entry records (all null when it is not a request). */
    public record Request(
            @Nullable String method,
            @Nullable String route,
            @Nullable Integer status,
            @Nullable String requestId) {}

    /** A page, as the API's lists: {@code data}, {@code has_more}, {@code next_cursor}. */
    public record Page(List<Entry> data, boolean hasMore, String nextCursor) {}

    /** What to show: a key (null for all) and a kind (null for all). */
    public record Filter(UUID keyId, AuditKind kind) {
        public static final Filter ALL = new Filter(null, null);
    }

    private record Position(Instant at, long id) {}

    private final Sql sql;
    private final ObjectMapper json;
    private final List<AuditActorNames> names;

    AuditQueryService(Sql sql, ObjectMapper json, List<AuditActorNames> names) {
        this.sql = sql;
        this.json = json;
        this.names = List.copyOf(names);
    }

    /**
     * A page of the tenant's entries after {@code cursor} (null for the first page).
     *
     * @param limit 1 to 100
     */
    @Transactional
    public Page list(UUID tenantId, Filter filter, String cursor, int limit) {
        if (tenantId == null) {
            throw new IllegalArgumentException("an audit query is always for one tenant");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw DomainException.invalid(
                    "limit",
                    DomainException.Violation.OUT_OF_RANGE,
                    Map.of("min", 1, "max", MAX_LIMIT, "value", limit));
        }
        Position after = cursor == null || cursor.isBlank() ? null : decode(cursor);
        StringBuilder query = new StringBuilder("select * from audit_log where tenant_id = ?");
        if (filter.keyId() != null) {
            query.append(" and key_id = ?");
        }
        if (filter.kind() != null) {
            query.append(" and action like any (?)");
        }
        if (after != null) {
            query.append(" and (at, id) < (?, ?)");
        }
        query.append(" order by at desc, id desc limit ?");
        List<Entry> rows = sql.query(
                query.toString(),
                s -> {
                    int p = 1;
                    s.setObject(p++, tenantId);
                    if (filter.keyId() != null) {
                        s.setObject(p++, filter.keyId());
                    }
                    if (filter.kind() != null) {
                        Array patterns = s.getConnection()
                                .createArrayOf("text", filter.kind().patterns().toArray());
                        s.setArray(p++, patterns);
                    }
                    if (after != null) {
                        s.setTimestamp(p++, Sql.timestamp(after.at()));
                        s.setLong(p++, after.id());
                    }
                    s.setInt(p, limit + 1);
                },
                this::map);
        boolean hasMore = rows.size() > limit;
        List<Entry> page = hasMore ? rows.subList(0, limit) : rows;
        page = named(page);
        String next = hasMore ? encode(page.get(page.size() - 1)) : null;
        return new Page(page, hasMore, next);
    }

    private List<Entry> named(List<Entry> page) {
        Set<String> actors = new LinkedHashSet<>();
        page.forEach(e -> actors.add(e.actor().ref()));
        Map<String, String> known = new HashMap<>();
        names.forEach(n -> known.putAll(n.names(actors)));
        List<Entry> out = new ArrayList<>(page.size());
        for (Entry e : page) {
            out.add(e.withActorName(known.get(e.actor().ref())));
        }
        return out;
    }

    private Entry map(ResultSet row) throws SQLException {
        String action = row.getString("action");
        int status = row.getInt("status");
        Integer statusOrNull = row.wasNull() ? null : status;
        Map<String, Object> details;
        try {
            details = json.readValue(row.getString("details"), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            details = Map.of();
        }
        return new Entry(
                row.getLong("id"),
                Sql.instant(row, "at"),
                action,
                AuditKind.of(action).orElse(null),
                new Actor(row.getString("actor"), null),
                new KeyRef(row.getObject("key_id", UUID.class), row.getString("key_name")),
                new Request(row.getString("method"), row.getString("route"), statusOrNull, row.getString("request_id")),
                details);
    }

    private static String encode(Entry last) {
        Instant at = last.at();
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        String plain = "a1:" + micros + ":" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static Position decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = plain.split(":", -1);
            if (parts.length != 3 || !parts[0].equals("a1")) {
                throw new IllegalArgumentException();
            }
            long micros = Long.parseLong(parts[1]);
            Instant at = Instant.ofEpochSecond(
                    Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
            return new Position(at, Long.parseLong(parts[2]));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw new DomainException(
                    DomainException.Kind.INVALID,
                    "invalid_cursor",
                    "cursor",
                    DomainException.Violation.INVALID_FORMAT,
                    Map.of(),
                    "not a cursor issued by this audit log");
        }
    }
}
