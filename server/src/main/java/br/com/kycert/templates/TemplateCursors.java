package br.com.kycert.templates;

import br.com.kycert.api.model.FieldError;
import br.com.kycert.api.model.ProblemCode;
import br.com.kycert.keys.KeysConfiguration;
import br.com.kycert.shared.web.ApiProblemException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Template-list cursors: the position (creation time in microseconds, id) of the last template of a page, signed with
 * HMAC-SHA256 under a key derived from the server secret and bound to the tenant and to the key's subject-type
 * restriction, like the run-list cursors. A cursor made by hand, altered, issued to another tenant or to a key with
 * another restriction (or a run cursor) is refused with 400 {@code invalid_cursor}.
 */
@Singleton
final class TemplateCursors {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final byte[] key;

    TemplateCursors(KeysConfiguration keys) {
        this.key = keys.derive("kycert template list cursors v1");
    }

    String encode(TemplateService.Template last, UUID tenantId, String subjectType) {
        Instant at = last.createdAt();
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        String position = "t1:" + micros + ":" + last.id();
        return B64.encodeToString(position.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(mac(position, tenantId, subjectType));
    }

    TemplateService.Position decode(String cursor, UUID tenantId, String subjectType) {
        try {
            int dot = cursor.indexOf('.');
            if (dot <= 0 || dot != cursor.lastIndexOf('.')) {
                throw new IllegalArgumentException();
            }
            // Base64 without padding ignores the low bits of a last character: only the canonical spelling of the
            // bytes is a cursor this API issued, so an altered last character is never accepted for the same bytes.
            if (!canonical(cursor.substring(0, dot)) || !canonical(cursor.substring(dot + 1))) {
                throw new IllegalArgumentException();
            }
            String position =
                    new String(Base64.getUrlDecoder().decode(cursor.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] presented = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
            if (!MessageDigest.isEqual(presented, mac(position, tenantId, subjectType))) {
                throw new IllegalArgumentException();
            }
            String[] parts = position.split(":", -1);
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
        return new ApiProblemException(
                HttpStatus.BAD_REQUEST,
                ProblemCode.INVALID_CURSOR,
                "The cursor is not valid for this listing: pass next_cursor exactly as received, with the same key as"
                        + " the request that returned it.",
                List.of(new FieldError(
                        "cursor", "invalid_cursor", "Not a cursor issued by this API for this listing.")),
                List.of());
    }

    private byte[] mac(String position, UUID tenantId, String subjectType) {
        String bound = String.join("\n", position, tenantId.toString(), String.valueOf(subjectType));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(bound.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static boolean canonical(String part) {
        return B64.encodeToString(Base64.getUrlDecoder().decode(part)).equals(part);
    }
}
