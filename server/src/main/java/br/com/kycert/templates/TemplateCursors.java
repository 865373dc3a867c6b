package br.com.kycert.templates;

import br.com.kycert.api.model.FieldError;
import br.com.kycert.shared.web.ApiProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Opaque template-list cursors: the position (creation time in microseconds, id) of the last template of a
 * page, base64url-encoded. The {@code t1} prefix keeps a run cursor from being taken for a template cursor.
 */
final class TemplateCursors {

    private TemplateCursors() {}

    static String encode(TemplateService.Template last) {
        Instant at = last.createdAt();
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        String plain = "t1:" + micros + ":" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static TemplateService.Position decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = plain.split(":", -1);
            if (parts.length != 3 || !parts[0].equals("t1")) {
                throw new IllegalArgumentException();
            }
            long micros = Long.parseLong(parts[1]);
            Instant at = Instant.ofEpochSecond(
                    Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
            return new TemplateService.Position(at, UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw invalid();
        }
    }

    static ApiProblemException invalid() {
        return ApiProblemException.invalidRequest("The cursor is not valid; pass next_cursor exactly as received.",
                List.of(new FieldError("cursor", "invalid", "Not a cursor issued by this API.")));
    }
}
