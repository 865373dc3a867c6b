package br.com.kycert.client;

import br.com.kycert.client.model.CreateRunRequest;
import br.com.kycert.client.model.SubjectInput;
import br.com.kycert.client.model.SubjectType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Test data shaped like the spec's examples, and a client wired to a fake server. */
final class Fixtures {

    static final String TEST_KEY = "sk_test_0123456789abcdefSECRET";
    static final UUID RUN_ID = UUID.fromString("3fa85f64-5717-4562-b3fc-2c963f66afa6");
    static final UUID TEMPLATE_ID = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");
    static final String REQUEST_ID = "req_8f14e45fceea167a5a36dedd4bea2543";

    private Fixtures() {}

    /** Records the waits instead of waiting. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
        }
    }

    static KycertClient.Builder clientFor(FakeKycertServer server, Sleeper sleeper) {
        return KycertClient.builder()
                .apiKey(TEST_KEY)
                .baseUrl(server.baseUrl())
                .readTimeout(Duration.ofSeconds(5))
                .sleeper(sleeper)
                .environment(name -> null);
    }

    static CreateRunRequest createRunRequest() {
        return new CreateRunRequest()
                .templateId(TEMPLATE_ID)
                .subject(new SubjectInput()
                        .type(SubjectType.PF)
                        .doc("900.000.001-75")
                        .name("João Silva"))
                .externalId("cust_abc123");
    }

    static String runJson(UUID id, String status) {
        return """
                {"id":"%s","object":"bureau_run","environment":"sandbox",
                 "template":{"id":"550e8400-e29b-41d4-a716-446655440000","version":1},
                 "subject":{"type":"pf","doc":"***.000.001-**","name":"João Silva"},
                 "external_id":"cust_abc123","status":"%s","decision":null,"completeness":null,
                 "compliance_alert":false,"reasons":[],"credits":{"charged":0,"would_charge":7},
                 "created_at":"2026-06-03T12:00:00Z","updated_at":"2026-06-03T12:00:00Z","completed_at":null}
                """.formatted(id, status);
    }

    static String queuedRun() {
        return runJson(RUN_ID, "queued");
    }

    static String problem(int status, String code) {
        return """
                {"type":"/problems/%s","title":"Title of %s","status":%d,"detail":"Detail of %s",
                 "code":"%s","request_id":"%s"}
                """.formatted(code, code, status, code, code, REQUEST_ID);
    }
}
