package br.com.kycert.cli;

import br.com.kycert.shared.DomainException;
import br.com.kycert.shared.DomainException.Violation;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Words a {@link DomainException} for the operator CLI: fields become the options that set them
 * ({@code expires_at} → {@code --expires-at}) and each violation gets one sentence built from the
 * exception's facts. Services stay free of CLI wording; every command's failure goes through here
 * (see {@link Cli}). A field whose generic sentence reads badly gets its own entry in
 * {@link #SPECIFIC}, keyed {@code field:violation}.
 */
final class ErrorTranslator {

    /** Fields that no option of the same name sets. */
    private static final Map<String, String> OPTIONS = Map.of("tenant_id", "--tenant");

    private static final Map<String, Function<DomainException, String>> SPECIFIC = Map.of(
            "scopes:" + Violation.REQUIRED,
            e -> "a key needs at least one scope (" + join(e.facts().get("allowed"), ", ") + ")",
            "rules:" + Violation.NOT_ALLOWED,
            e -> "rule " + e.facts().get("rule") + " must be "
                    + either(e.facts().get("allowed")),
            "url:" + Violation.NOT_ALLOWED,
            e -> "--url must not carry credentials",
            "email:" + Violation.DUPLICATE,
            e -> "--email is already used by another account");

    /** Refusals that are about a resource's state rather than a field, by code. */
    private static final Map<String, Function<DomainException, String>> BY_CODE = Map.of(
            "webhook_endpoint_not_enabled",
            e -> "endpoint " + e.facts().get("id") + " is " + e.facts().get("status")
                    + (e.facts().containsKey("reason") ? " (" + e.facts().get("reason") + ")" : "")
                    + "; enable it first (webhooks enable)");

    private ErrorTranslator() {}

    static String word(DomainException e) {
        var byCode = BY_CODE.get(e.code());
        if (byCode != null) {
            return byCode.apply(e);
        }
        return switch (e.kind()) {
            case NOT_FOUND ->
                "no " + fact(e, "resource", "resource").replace('_', ' ')
                        + (e.facts().containsKey("id") ? " " + e.facts().get("id") : "");
            case INSUFFICIENT_CREDITS ->
                e.facts().containsKey("required")
                        ? "not enough credits: this needs " + e.facts().get("required") + ", the tenant has "
                                + e.facts().get("remaining")
                        : "not enough credits";
            default -> e.field() == null || e.violation() == null ? e.getMessage() : field(e);
        };
    }

    private static String field(DomainException e) {
        var specific = SPECIFIC.get(e.field() + ":" + e.violation());
        if (specific != null) {
            return specific.apply(e);
        }
        String option = option(e.field());
        String noun = noun(e.field());
        Map<String, Object> f = e.facts();
        return switch (e.violation()) {
            case REQUIRED ->
                f.containsKey("min_items")
                        ? option + " needs at least " + f.get("min_items") + " " + noun + allowed(f)
                        : option + " is required";
            case LENGTH -> option + " must have " + f.get("min") + " to " + f.get("max") + " characters";
            case UNKNOWN_VALUE -> "unknown " + noun + " '" + f.get("value") + "'" + allowed(f);
            case INVALID_FORMAT ->
                option + " is not valid" + (f.containsKey("expected") ? ": expected " + f.get("expected") : "");
            case OUT_OF_RANGE -> option + range(f);
            case NOT_IN_FUTURE -> option + " must be in the future";
            case NOT_APPROVED ->
                f.getOrDefault("value", noun) + " needs support approval for the tenant first (tenants approve-detail)";
            case DUPLICATE -> noun + " " + f.get("value") + " is listed twice";
            case NOT_ALLOWED ->
                noun + " " + f.getOrDefault("value", "") + " is not allowed here"
                        + (f.containsKey("reason") ? ": " + f.get("reason") : "");
        };
    }

    /** {@code expires_at} → {@code --expires-at}; {@code subject.doc} → {@code --subject-doc}. */
    static String option(String field) {
        return OPTIONS.getOrDefault(field, "--" + field.replace('_', '-').replace('.', '-'));
    }

    /** {@code scopes} → {@code scope}, {@code subject_type} → {@code subject type}: the thing a value names. */
    static String noun(String field) {
        String noun = field.replace('_', ' ').replace('.', ' ');
        return noun.endsWith("s") && !noun.endsWith("ss") ? noun.substring(0, noun.length() - 1) : noun;
    }

    private static String range(Map<String, Object> f) {
        if (f.containsKey("min") && f.containsKey("max")) {
            return " must be between " + f.get("min") + " and " + f.get("max");
        }
        return f.containsKey("min") ? " must be at least " + f.get("min") : " must be at most " + f.get("max");
    }

    private static String allowed(Map<String, Object> f) {
        return f.containsKey("allowed") ? " (use " + join(f.get("allowed"), ", ") + ")" : "";
    }

    private static String fact(DomainException e, String name, String fallback) {
        Object value = e.facts().get(name);
        return value == null ? fallback : String.valueOf(value).toLowerCase(Locale.ROOT);
    }

    /** {@code a, b or c}. */
    private static String either(Object values) {
        if (values instanceof Collection<?> c && c.size() > 1) {
            var all = c.stream().map(String::valueOf).toList();
            return String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
        }
        return join(values, ", ");
    }

    private static String join(Object values, String separator) {
        if (values instanceof Collection<?> c) {
            return String.join(separator, c.stream().map(String::valueOf).toList());
        }
        return String.valueOf(values);
    }
}
