package br.com.kycert.runs;

import br.com.kycert.keys.KeysConfiguration;
import br.com.kycert.shared.SignedCursors;
import br.com.kycert.shared.TenantScope;
import jakarta.inject.Singleton;

/**
 * List cursors: the position (creation time in microseconds, id) of the last run of a page, signed with HMAC-SHA256
 * under a key derived from the server secret ({@code kycert.keys.pepper}) and bound to the tenant, the environment
 * and the filters of the listing. A cursor made by hand, altered, issued to another tenant or environment, or used
 * with other filters is refused with 400 {@code invalid_cursor}: a cursor can never widen what a listing shows.
 */
@Singleton
final class Cursors {

    private final SignedCursors cursors;

    Cursors(KeysConfiguration keys) {
        // A key of its own, derived from the server secret, so a cursor's MAC is never a key digest.
        this.cursors = new SignedCursors("v2", keys.derive("kycert list cursors v2"));
    }

    String encode(RunRepository.Position last, TenantScope scope, RunRepository.ListFilter filter) {
        return cursors.encode(last.createdAt(), last.id(), bound(scope, filter));
    }

    RunRepository.Position decode(String cursor, TenantScope scope, RunRepository.ListFilter filter) {
        return cursors.decode(cursor, bound(scope, filter))
                .map(p -> new RunRepository.Position(p.createdAt(), p.id()))
                .orElseThrow(Cursors::invalid);
    }

    static RunRefusal invalid() {
        return RunRefusal.invalidCursor();
    }

    /** What the MAC covers besides the position: whose data it is, and the listing it continues. */
    private static String[] bound(TenantScope scope, RunRepository.ListFilter f) {
        return new String[] {
            scope.tenantId().toString(),
            scope.environment().value(),
            String.valueOf(f.status()),
            String.valueOf(f.decision()),
            String.valueOf(f.externalId()),
            String.valueOf(f.templateId()),
            String.valueOf(f.subjectType()),
            String.valueOf(f.createdAfter()),
            String.valueOf(f.createdBefore())
        };
    }
}
