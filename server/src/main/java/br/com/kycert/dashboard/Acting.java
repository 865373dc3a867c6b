package br.com.kycert.dashboard;

import br.com.kycert.shared.DomainException;
import br.com.kycert.users.SignedIn;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/**
 * Who acts on a members, audit or support page: the session's account as it is now (re-read, so a
 * role change or a removal counts from the very next request), and how those pages answer a domain
 * refusal: 403 page for a role that may not, 404 page for what is missing or another tenant's.
 */
@Singleton
final class Acting {

    private final Pages pages;

    Acting(Pages pages) {
        this.pages = pages;
    }

    Optional<SignedIn> of(HttpRequest<?> request) {
        // The gate re-reads the account on every request, so this is already the account as it is now.
        return DashboardRequests.session(request).map(DashboardSession::user);
    }

    /** The page's answer to a refusal that is not about a form field. */
    HttpResponse<?> refused(HttpRequest<?> request, DomainException e) {
        return switch (e.kind()) {
            case FORBIDDEN -> pages.error(request, HttpStatus.FORBIDDEN, "forbidden");
            case NOT_FOUND -> notFound(request);
            default -> pages.error(request, HttpStatus.BAD_REQUEST, "other");
        };
    }

    HttpResponse<?> notFound(HttpRequest<?> request) {
        return pages.error(request, HttpStatus.NOT_FOUND, "not_found");
    }

    static Optional<UUID> uuid(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
