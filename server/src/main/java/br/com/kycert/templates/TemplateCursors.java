package br.com.kycert.templates;

import br.com.kycert.api.model.FieldError;
import br.com.kycert.api.model.ProblemCode;
import br.com.kycert.keys.KeysConfiguration;
import br.com.kycert.shared.SignedCursors;
import br.com.kycert.shared.web.ApiProblemException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/**
 * Template-list cursors ({@link SignedCursors}, tag {@code t1}), bound to the tenant and to the key's subject-type
 * restriction, like the run-list cursors. A cursor made by hand, altered, issued to another tenant or to a key with
 * another restriction (or a run cursor) is refused with 400 {@code invalid_cursor}.
 */
@Singleton
final class TemplateCursors {

    private final SignedCursors cursors;

    TemplateCursors(KeysConfiguration keys) {
        this.cursors = new SignedCursors("t1", keys.derive("kycert template list cursors v1"));
    }

    String encode(TemplateService.Template last, UUID tenantId, String subjectType) {
        return cursors.encode(last.revision().createdAt(), last.id(), tenantId.toString(), String.valueOf(subjectType));
    }

    TemplateService.Position decode(String cursor, UUID tenantId, String subjectType) {
        return cursors.decode(cursor, tenantId.toString(), String.valueOf(subjectType))
                .map(p -> new TemplateService.Position(p.createdAt(), p.id()))
                .orElseThrow(TemplateCursors::invalid);
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
}
