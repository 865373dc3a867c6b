package br.com.kycert.shared.web;

import br.com.kycert.api.model.Problem;
import br.com.kycert.api.model.ProblemCode;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures no feature handled. When PostgreSQL cannot be reached (a restart, a failover, a full pool that times
 * out) the request is answered 503 {@code service_unavailable} with {@code Retry-After}: it is safe to retry and
 * will succeed once the database is back, which the pool notices by itself. Anything else is a 500
 * {@code internal_error}, logged with the request id.
 */
@Singleton
final class UnexpectedErrorHandler implements ExceptionHandler<RuntimeException, HttpResponse<Problem>> {

    /** Seconds a client should wait before retrying during a database outage. */
    static final int RETRY_AFTER_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    private final ProblemRenderer problems;

    UnexpectedErrorHandler(ProblemRenderer problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, RuntimeException exception) {
        if (isDatabaseUnreachable(exception)) {
            LOG.warn(
                    "Database unreachable, answering 503 to {} {} ({}): {}",
                    request.getMethodName(),
                    request.getPath(),
                    RequestIds.of(request),
                    rootMessage(exception));
            return problems.render(
                            request,
                            HttpStatus.SERVICE_UNAVAILABLE,
                            ProblemCode.SERVICE_UNAVAILABLE,
                            "kycert cannot reach its database right now. Retry after " + RETRY_AFTER_SECONDS
                                    + " seconds (for createRun, with the same Idempotency-Key).")
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        }
        LOG.error(
                "Unexpected error on {} {} ({})",
                request.getMethodName(),
                request.getPath(),
                RequestIds.of(request),
                exception);
        return problems.render(
                request,
                HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemCode.INTERNAL_ERROR,
                "Something went wrong on our side. Quote the request_id to support.");
    }

    /** Connection-level failures (SQLSTATE class 08, admin shutdown 57P01-57P03, pool timeouts, refused sockets). */
    static boolean isDatabaseUnreachable(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
            if (t instanceof SQLException sql && "Connection is closed".equals(sql.getMessage())) {
                return true; // Hikari's stand-in for a connection the pool already found broken
            }
            if (t.getClass().getName().equals("com.zaxxer.hikari.pool.HikariPool$PoolInitializationException")
                    || t.getClass().getName().equals("io.micronaut.data.connection.exceptions.ConnectionException")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
