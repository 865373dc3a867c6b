package br.com.kycert.versions;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Webhook events are stored once, in the latest shape; each delivery renders the event in the version its endpoint
 * was pinned to when it was created: {@code api_version} says which, and the older shape comes from the same
 * {@link VersionChange}s as the API's responses.
 */
@Singleton
public final class EventRenderer {

    private final JsonMapper json;

    EventRenderer(JsonMapper json) {
        this.json = json;
    }

    /** The event body to send (and sign) for an endpoint pinned to {@code version}. */
    public String render(String storedEvent, String version) {
        try {
            Map<String, Object> event = json.readValue(storedEvent, Argument.mapOf(String.class, Object.class));
            event.put("api_version", version);
            for (VersionChange change : ApiVersionCatalog.changesAfter(version)) {
                change.downgradeEvent(event);
            }
            return new String(json.writeValueAsBytes(event), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
