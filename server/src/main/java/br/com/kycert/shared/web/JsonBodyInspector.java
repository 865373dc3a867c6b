package br.com.kycert.shared.web;

import br.com.kycert.api.model.FieldError;
import br.com.kycert.api.model.ProblemCode;
import br.com.kycert.shared.LogMasking;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A JSON body is exactly one UTF-8 encoded JSON value. The JSON reader would otherwise accept and silently change
 * what is not: it stops after the first value ({@code {...} trailing}, {@code {...}{}}), guesses UTF-16, and turns a
 * lone surrogate escape ({@code \ud800}) or an overlong UTF-8 sequence into another character. This inspects the
 * bytes ({@link EdgeHandler} hands them over, {@link StrictBodyFilter} answers): {@code invalid_encoding} for the
 * encoding, {@code invalid_request} for trailing data. Malformed JSON is left to the reader, which says where it broke.
 */
final class JsonBodyInspector {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private JsonBodyInspector() {}

    /** What is wrong with a body, as the problem says it. */
    record Defect(ProblemCode code, String detail, FieldError error) {

        /** As a header value, to travel on the request from the edge to {@link StrictBodyFilter}. */
        String encode() {
            return String.join(
                    ",",
                    java.util.stream.Stream.of(
                                    code.getValue(), detail, error.getField(), error.getCode(), error.getMessage())
                            .map(v -> java.net.URLEncoder.encode(v, StandardCharsets.UTF_8))
                            .toList());
        }

        static Optional<Defect> decode(String header) {
            String[] parts = header.split(",", -1);
            if (parts.length != 5) {
                return Optional.empty();
            }
            String[] v = java.util.Arrays.stream(parts)
                    .map(p -> java.net.URLDecoder.decode(p, StandardCharsets.UTF_8))
                    .toArray(String[]::new);
            return Optional.of(new Defect(ProblemCode.fromValue(v[0]), v[1], new FieldError(v[2], v[3], v[4])));
        }
    }

    /** A chunked body whose framing broke after some valid data. */
    static final Defect MALFORMED_FRAMING = new Defect(
            ProblemCode.INVALID_REQUEST,
            "The body's chunked transfer framing is broken (a chunk size line is not valid); send the body again with"
                    + " valid framing, or with Content-Length.",
            new FieldError("body", "malformed_framing", "Invalid chunked transfer encoding."));

    static Optional<Defect> inspect(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
            return encoding(
                    "body",
                    "The body starts with a byte order mark; send UTF-8 without one.",
                    "Remove the byte order mark (EF BB BF).");
        }
        if (startsWith(body, 0xFE, 0xFF) || startsWith(body, 0xFF, 0xFE) || contains(body, (byte) 0)) {
            return encoding(
                    "body",
                    "The body is not UTF-8 (it looks like UTF-16 or UTF-32); send UTF-8.",
                    "Send UTF-8 encoded JSON.");
        }
        String text;
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(body);
        try {
            text = decoder.decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return encoding(
                    "body",
                    "The body is not valid UTF-8 (invalid, overlong or surrogate byte sequence near byte "
                            + bytes.position() + ").",
                    "Send UTF-8 encoded JSON.");
        }
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() == null) {
                return Optional.empty();
            }
            for (JsonToken token = parser.currentToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING) {
                    String value = token == JsonToken.FIELD_NAME ? parser.currentName() : parser.getText();
                    if (hasLoneSurrogate(value)) {
                        String field = field(parser, token);
                        return encoding(
                                field,
                                "The " + (token == JsonToken.FIELD_NAME ? "name of the field " : "field ") + field
                                        + " contains an unpaired UTF-16 surrogate (\\ud800-\\udfff escaped alone): escape whole"
                                        + " characters only, as surrogate pairs.",
                                "Not valid Unicode.");
                    }
                }
                if (parser.getParsingContext().inRoot()) {
                    break;
                }
            }
        } catch (IOException malformed) {
            return Optional.empty();
        }
        try (JsonParser parser = JSON.createParser(text)) {
            parser.nextToken();
            parser.skipChildren();
            long end = parser.currentLocation().getCharOffset();
            JsonToken next;
            try {
                next = parser.nextToken();
            } catch (IOException garbage) {
                next = JsonToken.NOT_AVAILABLE;
            }
            if (next != null) {
                return Optional.of(new Defect(
                        ProblemCode.INVALID_REQUEST,
                        "The body has data after its JSON value (from character " + (end + 1)
                                + "); send exactly one JSON object.",
                        new FieldError("body", "trailing_data", "Nothing may follow the JSON object but whitespace.")));
            }
        } catch (IOException malformed) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String field(JsonParser parser, JsonToken token) {
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        String out = pointer.isEmpty() ? "body" : pointer.substring(1).replace('/', '.');
        return LogMasking.echo(out, 60);
    }

    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Defect> encoding(String field, String detail, String message) {
        return Optional.of(
                new Defect(ProblemCode.INVALID_ENCODING, detail, new FieldError(field, "invalid_encoding", message)));
    }

    private static boolean startsWith(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((body[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] body, byte b) {
        for (byte x : body) {
            if (x == b) {
                return true;
            }
        }
        return false;
    }
}
