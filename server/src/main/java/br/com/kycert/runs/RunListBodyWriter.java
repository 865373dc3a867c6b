package br.com.kycert.runs;

import br.com.kycert.api.model.Run;
import br.com.kycert.api.model.RunList;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.MutableHeaders;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.body.MessageBodyWriter;
import io.micronaut.http.codec.CodecException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a page of runs as the JSON serializer would, byte for byte, but each run {@link FinishedRunCache} holds as
 * it was written the first time, kept there with the run: a finished run never changes, and writing twenty of them
 * was the larger part of a list request's own work. The page's envelope is written by the serializer with no runs,
 * and the runs go between its brackets. Other runs (not finished, or not held) are written afresh. Only the latest version's bodies come here: a
 * request pinned to an older version has its body rewritten as a tree first (versions.VersionFilter).
 */
@Singleton
@Produces(MediaType.APPLICATION_JSON)
final class RunListBodyWriter implements MessageBodyWriter<RunList> {

    private static final byte[] EMPTY_DATA = "\"data\":[]".getBytes(StandardCharsets.US_ASCII);

    private final JsonMapper json;
    private final FinishedRunCache finished;

    RunListBodyWriter(JsonMapper json, FinishedRunCache finished) {
        this.json = json;
        this.finished = finished;
    }

    @Override
    public void writeTo(
            Argument<RunList> type,
            MediaType mediaType,
            RunList page,
            MutableHeaders outgoingHeaders,
            OutputStream out) {
        outgoingHeaders.set(HttpHeaders.CONTENT_TYPE, mediaType != null ? mediaType : MediaType.APPLICATION_JSON_TYPE);
        try {
            out.write(write(page));
        } catch (IOException e) {
            throw new CodecException("Could not write a page of runs: " + e.getMessage(), e);
        }
    }

    /** The page's JSON. */
    byte[] write(RunList page) throws IOException {
        List<Run> runs = page.getData();
        byte[] envelope = json.writeValueAsBytes(
                new RunList(page.getObject(), List.of(), page.getHasMore(), page.getNextCursor()));
        int at = indexOf(envelope, EMPTY_DATA);
        if (runs == null || runs.isEmpty() || at < 0) {
            return at < 0 ? json.writeValueAsBytes(page) : envelope;
        }
        int open = at + EMPTY_DATA.length - 1; // the index of ']'
        byte[][] parts = new byte[runs.size()][];
        int size = envelope.length + runs.size() - 1;
        for (int i = 0; i < parts.length; i++) {
            parts[i] = written(runs.get(i));
            size += parts[i].length;
        }
        byte[] body = new byte[size];
        System.arraycopy(envelope, 0, body, 0, open);
        int p = open;
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                body[p++] = ',';
            }
            System.arraycopy(parts[i], 0, body, p, parts[i].length);
            p += parts[i].length;
        }
        System.arraycopy(envelope, open, body, p, envelope.length - open);
        return body;
    }

    private byte[] written(Run run) throws IOException {
        if (run.getId() == null) {
            return json.writeValueAsBytes(run);
        }
        var held = finished.json(run.getId());
        if (held.isPresent()) {
            return held.get();
        }
        byte[] bytes = json.writeValueAsBytes(run);
        finished.keepJson(run.getId(), bytes);
        return bytes;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
