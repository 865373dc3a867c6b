package br.com.kycert.versions;

import java.util.Map;

/**
 * One breaking change, Stripe-style: the code produces only the latest shape, and this module turns the latest
 * shape into the one before {@link #version()}. A request pinned to an older version runs through every change newer
 * than its version, newest first. The changelog entry and the per-version spec come from the same module, so they
 * cannot disagree with what the server does.
 */
public interface VersionChange {

    /** The version that introduced the change (a date); versions before it get the old shape. */
    String version();

    /** The changelog line (Markdown), repeated word for word under the version's heading in changelog.md. */
    String summary();

    /**
     * Turns the latest shape of an operation's success body into the shape before this change, in place.
     *
     * @param operationId the spec's operationId (the generated interface's method name)
     * @param body the body as JSON values: maps, lists, strings, numbers, booleans, nulls
     */
    void downgradeResponse(String operationId, Object body);

    /** Turns a webhook event (latest shape) into the shape before this change, in place. */
    default void downgradeEvent(Map<String, Object> event) {}

    /** Turns the spec of the version after this change into the spec before it, in place (parsed YAML). */
    void downgradeSpec(Map<String, Object> spec);
}
