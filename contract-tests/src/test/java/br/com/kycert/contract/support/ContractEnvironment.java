package br.com.kycert.contract.support;

import br.com.kycert.support.SettledByHand;
import br.com.kycert.support.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One real kycert server on a random port against a fresh database, with a recording raw client, a recording
 * socket client, a recording proxy for the SDK and the {@link World} of tenants and keys. The suite runs two (see
 * {@link ContractExtension}), both recording into the same {@link ContractRecorder}:
 * <ul>
 *   <li>{@code main}, without the run worker: runs stay where the suite puts them (queued, or completed by hand
 *       with {@link #complete}), so every state can be observed deterministically;</li>
 *   <li>{@code worker}, with the run worker polling every 50 ms: sandbox runs reach the outcomes of the fixture
 *       table (PRODUCT.md §5) on their own.</li>
 * </ul>
 */
public final class ContractEnvironment implements AutoCloseable {

    public static final String MAIN = "main";
    public static final String WORKER = "worker";

    private final String name;
    private final boolean worker;
    private final TestDatabase db;
    private final EmbeddedServer server;
    private final ContractRecorder recorder;
    private final RawHttp http;
    private final RawSocketHttp raw;
    private final RecordingProxy proxy;
    private final World world;

    private ContractEnvironment(
            String name, boolean worker, TestDatabase db, EmbeddedServer server, ContractRecorder recorder) {
        this.name = name;
        this.worker = worker;
        this.db = db;
        this.server = server;
        this.recorder = recorder;
        this.http = new RawHttp(serverUrl(), name, recorder);
        this.raw = new RawSocketHttp("127.0.0.1", server.getPort(), name, recorder);
        this.proxy = RecordingProxy.start(serverUrl(), name, recorder);
        this.world = World.create(server.getApplicationContext());
    }

    /**
     * Starts a server named {@code name}, with or without the run worker, recording into {@code recorder} (which
     * may still be compiling the spec's schemas: it is only needed once the server is up).
     */
    public static ContractEnvironment start(String name, boolean worker, CompletableFuture<ContractRecorder> recorder) {
        TestDatabase db = TestDatabase.create("kycert_contract_");
        try {
            Map<String, Object> props = new HashMap<>();
            props.put("micronaut.server.port", -1);
            props.put("kycert.worker.enabled", worker);
            if (worker) {
                props.put("kycert.worker.poll-interval", "50ms");
            }
            props.put("micronaut.server.host", "127.0.0.1");
            props.put("datasources.default.url", db.url());
            props.put("datasources.default.username", TestDatabase.USER);
            props.put("datasources.default.password", TestDatabase.PASSWORD);
            props.put("datasources.default.maximum-pool-size", 6);
            props.put("datasources.default.minimum-idle", 1);
            props.put("kycert.audit.flush-interval", "100ms");
            props.put("kycert.management.port", 0);
            // The suite sends requests much faster than an integration would; tenant gamma has tight limits.
            for (String env : new String[] {"live", "sandbox"}) {
                props.put("kycert.rate-limits." + env + ".per-key", 100_000);
                props.put("kycert.rate-limits." + env + ".per-tenant", 100_000);
            }
            EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
            try {
                return new ContractEnvironment(name, worker, db, server, recorder.join());
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** {@code main} or {@code worker}: the {@link Exchange#server()} of every exchange with this server. */
    public String name() {
        return name;
    }

    public boolean hasWorker() {
        return worker;
    }

    public String serverUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** Where the SDK must be pointed so that its traffic is recorded. */
    public String sdkBaseUrl() {
        return proxy.baseUrl();
    }

    public ContractRecorder recorder() {
        return recorder;
    }

    public RawHttp http() {
        return http;
    }

    /** Byte-level HTTP for requests java.net.http refuses to send. */
    public RawSocketHttp raw() {
        return raw;
    }

    public World world() {
        return world;
    }

    /**
     * Marks a run completed with a decision, as the worker would (only on {@code main}, which has no worker).
     */
    public void complete(UUID run, String decision) {
        if (worker) {
            throw new IllegalStateException("The worker completes runs on " + name + "; complete() is for main only");
        }
        // The planned checks become answered rows, as settlement writes them, and leave the run's row.
        db.update(SettledByHand.ANSWER_PLANNED_CHECKS, run);
        int runs = db.update(
                "update runs set status = 'completed', decision = ?, completeness = 'full',"
                        + " completed_at = now(), updated_at = now(), planned_checks = null,"
                        + " reasons = '[{\"code\":\"pep_match\",\"severity\":\"review\",\"source\":\"pep\",\"message\":\"The subject is a politically exposed person.\"}]'::jsonb,"
                        + " rule_results = '[{\"rule\":\"pep_match\",\"outcome\":\"review\",\"source\":\"pep\",\"matched\":true}]'::jsonb"
                        + " where id = ?",
                decision,
                run);
        if (runs != 1) {
            throw new IllegalStateException("no run " + run);
        }
    }

    @Override
    public void close() {
        try {
            proxy.close();
            server.close();
        } finally {
            db.close();
        }
    }
}
