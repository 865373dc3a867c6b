package br.com.kycert.dashboard;

import br.com.kycert.keys.ApiKey;
import br.com.kycert.keys.ApiKeyFormat;
import br.com.kycert.keys.ApiKeyService;
import br.com.kycert.keys.KeyStatus;
import br.com.kycert.keys.Scope;
import br.com.kycert.shared.DomainException;
import br.com.kycert.shared.Environment;
import br.com.kycert.shared.SubjectType;
import br.com.kycert.tenants.TenantService;
import br.com.kycert.users.Permission;
import br.com.kycert.users.User;
import br.com.kycert.users.UserService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Settings → Developer → API Keys: the list (revoked keys stay, as the revocation list), New API Key,
 * the key shown once, Revoke and Roll. Every change goes through {@link ApiKeyService}, the same
 * service (and audit) as the CLI; every action checks the role server-side; another tenant's key id
 * is the same 404 page as a missing one.
 */
@Controller(ApiKeysController.PATH)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ApiKeysController {

    /** One choice of the new-key form, from the one definition of the concept (no value is restated in the page). */
    record Choice(String value, String id, String message, boolean needsApproval, String prefix) {}

    static final List<Choice> ENVIRONMENT_CHOICES = Arrays.stream(Environment.values())
            .map(e ->
                    new Choice(e.value(), "env-" + e.value(), "keys.env." + e.value(), false, ApiKeyFormat.prefixOf(e)))
            .toList();
    static final List<Choice> SCOPE_CHOICES = Arrays.stream(Scope.values())
            .map(s -> new Choice(
                    s.value(),
                    "scope-" + s.value().replace(':', '-'),
                    "keys.scope." + s.value().replace(':', '_'),
                    s.needsApproval(),
                    ""))
            .toList();
    static final List<Choice> SUBJECT_TYPE_CHOICES = Arrays.stream(SubjectType.values())
            .map(t -> new Choice(t.value(), "subject-" + t.value(), "keys.subject." + t.value(), false, ""))
            .toList();

    static final String PATH = "/dashboard/settings/developer/api-keys";
    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    /** The optional expiry of a new key. */
    static final Map<String, Duration> NEW_KEY_EXPIRY = linked(
            "never",
            null,
            "7d",
            Duration.ofDays(7),
            "30d",
            Duration.ofDays(30),
            "90d",
            Duration.ofDays(90),
            "365d",
            Duration.ofDays(365));
    /** When a rolled key stops working. */
    static final Map<String, Duration> ROLL_OVERLAP = linked(
            "now", Duration.ZERO, "1h", Duration.ofHours(1), "24h", Duration.ofHours(24), "7d", Duration.ofDays(7));

    /** One row of the list, worded for the page. */
    record KeyRow(
            String id,
            String name,
            String environment,
            String last4,
            Access access,
            State state,
            History history,
            Lineage lineage) {

        /** What the key may do: its scopes and its subject-type restriction (null: any). */
        record Access(List<String> scopes, @Nullable String subjectType) {}

        /** The status shown, and whether the key can still be rolled or revoked (not revoked yet). */
        record State(String status, boolean actionable) {}

        /** Who created and revoked the key and when, worded for the page (actors as e-mails). */
        record History(
                String createdBy,
                String createdAt,
                @Nullable String lastUsedAt,
                @Nullable String expiresAt,
                @Nullable String revokedBy,
                @Nullable String revokedAt) {}

        /** The roll chain: the name of the key this one replaces, and the id of the key that replaced it. */
        record Lineage(@Nullable String replaces, @Nullable String replacedBy) {}
    }

    private final ApiKeyService keys;
    private final TenantService tenants;
    private final UserService users;
    private final Pages pages;
    private final Clock clock;

    ApiKeysController(ApiKeyService keys, TenantService tenants, UserService users, Pages pages, Clock clock) {
        this.keys = keys;
        this.tenants = tenants;
        this.users = users;
        this.pages = pages;
        this.clock = clock;
    }

    @Get
    HttpResponse<?> list(
            HttpRequest<?> request,
            @Nullable @QueryValue String environment,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue String revoked,
            @Nullable @QueryValue String rolled) {
        DashboardSession session = DashboardRequests.requireSession(request);
        UUID tenant = session.tenantId();
        Map<UUID, UUID> replaces = keys.successors(tenant);
        Map<UUID, UUID> replacedBy = replaces.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey, (a, b) -> a));
        Map<String, String> names = actorNames(session);
        Instant now = clock.instant();
        List<ApiKey> all = keys.list(tenant);
        Map<UUID, String> keyNames = all.stream().collect(Collectors.toMap(ApiKey::id, ApiKey::name));
        List<KeyRow> rows = new ArrayList<>();
        for (ApiKey key : all) {
            String shown = key.shownStatus(now);
            if (environment != null
                    && !environment.isEmpty()
                    && !environment.equals(key.environment().value())) {
                continue;
            }
            if (status != null && !status.isEmpty() && !status.equals(shown)) {
                continue;
            }
            rows.add(new KeyRow(
                    key.id().toString(),
                    key.name(),
                    key.environment().value(),
                    key.last4(),
                    new KeyRow.Access(
                            key.grant().scopes().stream().map(Scope::value).toList(),
                            key.grant().subjectType() == null
                                    ? null
                                    : key.grant().subjectType().value()),
                    new KeyRow.State(shown, key.status() != KeyStatus.REVOKED),
                    new KeyRow.History(
                            names.getOrDefault(
                                    key.lifecycle().createdBy(), key.lifecycle().createdBy()),
                            when(key.lifecycle().createdAt()),
                            when(key.lifecycle().lastUsedAt()),
                            when(key.lifecycle().expiresAt()),
                            key.lifecycle().revokedBy() == null
                                    ? null
                                    : names.getOrDefault(
                                            key.lifecycle().revokedBy(),
                                            key.lifecycle().revokedBy()),
                            when(key.lifecycle().revokedAt())),
                    new KeyRow.Lineage(
                            Optional.ofNullable(replaces.get(key.id()))
                                    .map(keyNames::get)
                                    .orElse(null),
                            Optional.ofNullable(replacedBy.get(key.id()))
                                    .map(UUID::toString)
                                    .orElse(null))));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("nav", "keys");
        model.put("environmentChoices", ENVIRONMENT_CHOICES);
        model.put("rows", rows);
        model.put("environment", environment == null ? "" : environment);
        model.put("status", status == null ? "" : status);
        model.put("statuses", ApiKey.SHOWN_STATUSES);
        model.put("mayManage", session.may(Permission.MANAGE_KEYS));
        noticeAbout(revoked, "revoked", all, model);
        noticeAbout(rolled, "rolled", all, model);
        return pages.render(request, "keys/list", model);
    }

    @Get("/new")
    HttpResponse<?> newKey(HttpRequest<?> request) {
        DashboardSession session = DashboardRequests.requireSession(request);
        if (!session.may(Permission.MANAGE_KEYS)) {
            return pages.error(request, HttpStatus.FORBIDDEN, "forbidden");
        }
        return form(request, HttpStatus.OK, FormData.EMPTY, null);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(HttpRequest<?> request) {
        DashboardSession session = DashboardRequests.requireSession(request);
        if (!session.may(Permission.MANAGE_KEYS)) {
            return pages.error(request, HttpStatus.FORBIDDEN, "forbidden");
        }
        FormData form = DashboardRequests.form(request);
        Optional<Environment> environment = form.get("environment").flatMap(Environment::find);
        if (environment.isEmpty()) {
            return form(request, HttpStatus.UNPROCESSABLE_ENTITY, form, "keys.error.environment");
        }
        Optional<SubjectType> subject = form.get("subject_type").flatMap(SubjectType::find);
        if (form.get("subject_type").isPresent() && subject.isEmpty()) {
            return form(request, HttpStatus.UNPROCESSABLE_ENTITY, form, "keys.error.subject_type");
        }
        String expiry = form.get("expires_in").orElse("never");
        if (!NEW_KEY_EXPIRY.containsKey(expiry)) {
            return form(request, HttpStatus.UNPROCESSABLE_ENTITY, form, "keys.error.expires_at");
        }
        Duration lifetime = NEW_KEY_EXPIRY.get(expiry);
        try {
            var created = keys.create(
                    session.tenantId(),
                    form.get("name").orElse(""),
                    environment.get(),
                    form.all("scopes"),
                    subject.orElse(null),
                    lifetime == null ? null : clock.instant().plus(lifetime),
                    session.actor());
            return reveal(request, created, null);
        } catch (DomainException e) {
            return form(request, HttpStatus.UNPROCESSABLE_ENTITY, form, wording(e));
        }
    }

    @Get("/{id}/revoke")
    HttpResponse<?> confirmRevoke(HttpRequest<?> request, @PathVariable String id) {
        return withKey(request, id, key -> pages.render(request, "keys/revoke", Map.of("nav", "keys", "key", key)));
    }

    @Post("/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> revoke(HttpRequest<?> request, @PathVariable String id) {
        return withKey(request, id, key -> {
            keys.revoke(
                    key.tenantId(),
                    key.id(),
                    DashboardRequests.requireSession(request).actor());
            return Pages.seeOther(PATH + "?revoked=" + key.id());
        });
    }

    @Get("/{id}/roll")
    HttpResponse<?> confirmRoll(HttpRequest<?> request, @PathVariable String id) {
        return withKey(
                request,
                id,
                key -> pages.render(
                        request,
                        "keys/roll",
                        Map.of(
                                "nav",
                                "keys",
                                "key",
                                key,
                                "options",
                                ROLL_OVERLAP.keySet(),
                                "lastUsedAt",
                                Optional.ofNullable(when(key.lifecycle().lastUsedAt()))
                                        .orElse(""))));
    }

    @Post("/{id}/roll")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> roll(HttpRequest<?> request, @PathVariable String id) {
        return withKey(request, id, key -> {
            Duration overlap = ROLL_OVERLAP.get(
                    DashboardRequests.form(request).get("old_key_expires").orElse(""));
            if (overlap == null) {
                return pages.render(
                        request,
                        HttpStatus.UNPROCESSABLE_ENTITY,
                        "keys/roll",
                        Map.of(
                                "nav",
                                "keys",
                                "key",
                                key,
                                "options",
                                ROLL_OVERLAP.keySet(),
                                "error",
                                "keys.error.roll_expiry",
                                "lastUsedAt",
                                Optional.ofNullable(when(key.lifecycle().lastUsedAt()))
                                        .orElse("")));
            }
            try {
                var created = keys.roll(
                        key.tenantId(),
                        key.id(),
                        overlap,
                        DashboardRequests.requireSession(request).actor());
                return reveal(request, created, key);
            } catch (DomainException e) {
                return pages.render(
                        request,
                        HttpStatus.CONFLICT,
                        "keys/roll",
                        Map.of(
                                "nav",
                                "keys",
                                "key",
                                key,
                                "options",
                                ROLL_OVERLAP.keySet(),
                                "error",
                                wording(e),
                                "lastUsedAt",
                                Optional.ofNullable(when(key.lifecycle().lastUsedAt()))
                                        .orElse("")));
            }
        });
    }

    /** The key of this tenant named in the URL, for a member allowed to manage keys; else 404 / 403. */
    private HttpResponse<?> withKey(
            HttpRequest<?> request, String id, java.util.function.Function<ApiKey, HttpResponse<?>> action) {
        DashboardSession session = DashboardRequests.requireSession(request);
        Optional<ApiKey> key =
                UUID_TEXT.matcher(id).matches() ? keys.find(session.tenantId(), UUID.fromString(id)) : Optional.empty();
        if (key.isEmpty()) {
            // Another tenant's key and a missing one look exactly alike.
            return pages.error(request, HttpStatus.NOT_FOUND, "not_found");
        }
        if (!session.may(Permission.MANAGE_KEYS)) {
            return pages.error(request, HttpStatus.FORBIDDEN, "forbidden");
        }
        if (key.get().status() == KeyStatus.REVOKED) {
            return Pages.seeOther(PATH);
        }
        return action.apply(key.get());
    }

    /** The key shown once: in this response only, never stored, never logged, never cached. */
    private HttpResponse<?> reveal(HttpRequest<?> request, ApiKeyService.CreatedKey created, @Nullable ApiKey rolled) {
        Map<String, Object> model = new HashMap<>();
        model.put("nav", "keys");
        model.put("key", created.key());
        model.put("secret", created.secret());
        model.put(
                "scopes",
                created.key().grant().scopes().stream().map(Scope::value).toList());
        if (rolled != null) {
            model.put("rolled", rolled);
            model.put(
                    "rolledExpiresAt",
                    keys.find(rolled.tenantId(), rolled.id())
                            .map(k -> when(k.lifecycle().expiresAt()))
                            .orElse(""));
        }
        return pages.render(request, HttpStatus.CREATED, "keys/reveal", model).header("Cache-Control", "no-store");
    }

    private HttpResponse<?> form(HttpRequest<?> request, HttpStatus status, FormData form, @Nullable String error) {
        DashboardSession session = DashboardRequests.requireSession(request);
        boolean approved = tenants.find(session.tenantId())
                .map(TenantService.Tenant::detailAccess)
                .orElse(false);
        Map<String, Object> model = new HashMap<>();
        model.put("nav", "keys");
        model.put("detailApproved", approved);
        model.put("name", form.get("name").orElse(""));
        model.put("environment", form.get("environment").orElse(""));
        model.put("checked", form.all("scopes"));
        model.put("subjectType", form.get("subject_type").orElse(""));
        model.put("expiresIn", form.get("expires_in").orElse("never"));
        model.put("expiryOptions", NEW_KEY_EXPIRY.keySet());
        model.put("environmentChoices", ENVIRONMENT_CHOICES);
        model.put("scopeChoices", SCOPE_CHOICES);
        model.put("subjectTypeChoices", SUBJECT_TYPE_CHOICES);
        if (error != null) {
            model.put("error", error);
        }
        return pages.render(request, status, "keys/new", model);
    }

    /** A domain refusal as a message key of the page (the service's codes, worded here). */
    static String wording(DomainException e) {
        if (e.field() != null && e.violation() != null) {
            return "keys.error." + e.field() + "." + e.violation().name().toLowerCase(java.util.Locale.ROOT);
        }
        return "keys.error." + e.code();
    }

    private void noticeAbout(@Nullable String id, String what, List<ApiKey> all, Map<String, Object> model) {
        if (id == null) {
            return;
        }
        all.stream().filter(k -> k.id().toString().equals(id)).findFirst().ifPresent(k -> {
            model.put("notice", "keys.notice." + what);
            model.put("noticeName", k.name());
        });
    }

    /** {@code user:<id>} → the member's e-mail, so the list says who in words people know. */
    private Map<String, String> actorNames(DashboardSession session) {
        Map<String, String> names = new HashMap<>();
        for (User user : users.list(session.tenantId())) {
            names.put("user:" + user.id(), user.email());
        }
        return names;
    }

    @Nullable
    static String when(@Nullable Instant at) {
        return at == null ? null : WHEN.format(at);
    }

    private static Map<String, Duration> linked(Object... pairs) {
        Map<String, Duration> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Duration) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
