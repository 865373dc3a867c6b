package br.com.kycert.shared.jdbc;

import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.function.Supplier;

/**
 * Work that needs no transaction, on a pooled connection in autocommit: a read of one statement (or of several that
 * need no common snapshot), or a write of one statement, which PostgreSQL makes atomic on its own. Each statement is
 * one round trip, where a transaction adds a {@code BEGIN} to the first and a {@code COMMIT} round trip after the
 * last. Inside a transaction, the work joins it.
 */
@Singleton
public final class Autocommit {

    private final ConnectionOperations<Connection> connections;

    Autocommit(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    public <T> T read(Supplier<T> work) {
        return connections.executeRead(status -> work.get());
    }

    /** One statement that writes: several would each commit on their own, so use a transaction for them. */
    public <T> T write(Supplier<T> statement) {
        return connections.executeWrite(status -> statement.get());
    }
}
