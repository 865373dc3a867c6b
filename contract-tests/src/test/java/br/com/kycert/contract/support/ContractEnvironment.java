package br.com.kycert.contract.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One real kycert server for the whole contract suite, on a random port against a fresh database, with the
 * recorder, a recording raw client, a recording proxy for the SDK and the {@link World} of tenants and keys.
 */
public final class ContractEnvironment implements AutoCloseable {

    private final TestDatabase db;
    private final EmbeddedServer server;
    private final ContractRecorder recorder;
    private final RawHttp http;
    private final RecordingProxy proxy;
    private final World world;

    private ContractEnvironment(TestDatabase db, EmbeddedServer server, ContractRecorder recorder) {
        this.db = db;
        this.server = server;
        this.recorder = recorder;
        this.http = new RawHttp(serverUrl(), recorder);
        this.proxy = RecordingProxy.start(serverUrl(), recorder);
        this.world = World.create(server.getApplicationContext());
    }

    public static ContractEnvironment start() {
        // Parsing the spec and compiling its schemas takes seconds: do it while the server starts.
        CompletableFuture<ContractRecorder> recorder = CompletableFuture.supplyAsync(
                () -> new ContractRecorder(Spec.load(Spec.location())));
        TestDatabase db = TestDatabase.create();
        try {
            Map<String, Object> props = new HashMap<>();
            props.put("micronaut.server.port", -1);
            // Runs must stay where the suite puts them (queued, or completed by hand): no worker.
            props.put("kycert.worker.enabled", false);
            props.put("micronaut.server.host", "127.0.0.1");
            props.put("datasources.default.url", db.url());
            props.put("datasources.default.username", TestDatabase.USER);
            props.put("datasources.default.password", TestDatabase.PASSWORD);
            props.put("datasources.default.maximum-pool-size", 6);
            props.put("datasources.default.minimum-idle", 1);
            props.put("kycert.audit.flush-interval", "100ms");
            EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
            try {
                return new ContractEnvironment(db, server, recorder.join());
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
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

    public World world() {
        return world;
    }

    /**
     * Marks a run completed with a decision, as the worker will once it exists (runs are never processed yet).
     */
    public void complete(UUID run, String decision) {
        int runs = db.update("update runs set status = 'completed', decision = ?, completeness = 'full',"
                + " completed_at = now(), updated_at = now(),"
                + " reasons = '[{\"code\":\"pep_match\",\"severity\":\"review\",\"source\":\"pep\",\"message\":\"The subject is a politically exposed person.\"}]'::jsonb,"
                + " rule_results = '[{\"rule\":\"pep_match_review\",\"outcome\":\"review\",\"source\":\"pep\",\"matched\":true}]'::jsonb"
                + " where id = ?", decision, run);
        if (runs != 1) {
            throw new IllegalStateException("no run " + run);
        }
        db.update("update run_sources set status = 'succeeded', outcome = 'approved', attempts = 1, latency_ms = 12,"
                + " started_at = now(), completed_at = now(), raw = '{\"situacao\":\"regular\"}'::jsonb where run_id = ?", run);
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
