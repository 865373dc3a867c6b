package example;

import br.com.kycert.client.KycertClient;
import br.com.kycert.client.exception.KycertException;
import br.com.kycert.client.model.CreateRunRequest;
import br.com.kycert.client.model.Run;
import br.com.kycert.client.model.SubjectInput;
import br.com.kycert.client.model.SubjectType;
import java.time.Duration;
import java.util.UUID;

/**
 * Creates one sandbox run and prints its decision.
 *
 * <p>Reads {@code KYCERT_API_KEY} (a {@code sk_test_...} key) and {@code KYCERT_BASE_URL} (e.g.
 * {@code http://localhost:8080}; the default is production) through the SDK itself, and the template from
 * {@code KYCERT_TEMPLATE_ID} or the first argument. The document defaults to the sandbox's clear person.
 */
public final class Quickstart {

    public static void main(String[] args) {
        String template = args.length > 0 ? args[0] : System.getenv("KYCERT_TEMPLATE_ID");
        if (template == null || template.isBlank()) {
            System.err.println("Give a template id: KYCERT_TEMPLATE_ID=<uuid> (bin/kycert templates list --tenant ...)");
            System.exit(2);
        }
        String doc = args.length > 1 ? args[1] : "900.000.001-75";   // sandbox: a clear person → approved

        try (KycertClient client = KycertClient.builder().build()) {  // KYCERT_API_KEY, KYCERT_BASE_URL
            Run run = client.runs().create(new CreateRunRequest()
                    .templateId(UUID.fromString(template.strip()))
                    .subject(new SubjectInput().type(SubjectType.PF).doc(doc).name("João Silva"))
                    .externalId("quickstart"));

            run = client.runs().waitForCompletion(run.getId(), Duration.ofSeconds(30));

            System.out.println("run " + run.getId() + " " + run.getStatus() + ": "
                    + (run.getDecision() == null ? "no decision" : run.getDecision()));
        } catch (KycertException e) {
            System.err.println("kycert: " + e.getMessage());
            System.exit(1);
        }
    }
}
