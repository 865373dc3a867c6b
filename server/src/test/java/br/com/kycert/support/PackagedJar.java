package br.com.kycert.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server jar, run as an operator runs it: a process of its own on a test database, its environment
 * cleared of the caller's KYCERT_, MICRONAUT_ and DATASOURCES_ variables, the worker off unless asked for.
 */
public final class PackagedJar {

    private final Path jar;
    private final Path work;

    public PackagedJar(Path work) {
        this.jar = Path.of(System.getProperty("kycert.repo"), "server", "target", "kycert-server.jar")
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the packaged server jar is missing: " + jar);
        }
        this.work = work;
    }

    /** A command of the jar ({@code serve}, or the CLI's), output and errors together. */
    public ProcessBuilder process(TestDatabase target, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-jar",
                jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment
                .keySet()
                .removeIf(k -> k.startsWith("KYCERT_") || k.startsWith("MICRONAUT_") || k.startsWith("DATASOURCES_"));
        environment.put("DATASOURCES_DEFAULT_URL", target.url());
        environment.put("DATASOURCES_DEFAULT_USERNAME", TestDatabase.USER);
        environment.put("DATASOURCES_DEFAULT_PASSWORD", TestDatabase.PASSWORD);
        environment.put("KYCERT_WORKER_ENABLED", "false");
        environment.putAll(env);
        return builder;
    }

    /**
     * Starts {@code serve} on free ports and waits (up to 60 s) for {@code GET /health} to answer; {@link
     * Served#health()} is its status, -1 when the process ended or never answered.
     */
    public Served serve(TestDatabase target, Map<String, String> env) {
        try {
            Map<String, String> ports = new HashMap<>(env);
            int port = freePort();
            ports.putIfAbsent("MICRONAUT_SERVER_PORT", "" + port);
            ports.putIfAbsent("KYCERT_MANAGEMENT_PORT", "" + freePort());
            Path log = Files.createTempFile(work, "serve", ".log");
            Process process =
                    process(target, ports, "serve").redirectOutput(log.toFile()).start();
            return new Served(process, log, awaitHealth(process, port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A started server: closing it stops the process (and waits for it). */
    public record Served(Process process, Path logFile, int health) implements AutoCloseable {

        public String log() {
            try {
                return Files.readString(logFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int awaitHealth(Process server, int port) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline) && server.isAlive()) {
            try {
                return http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (IOException notYet) {
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return -1;
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
