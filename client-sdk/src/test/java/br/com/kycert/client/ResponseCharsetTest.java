package br.com.kycert.client;

import static br.com.kycert.client.Fixtures.RUN_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import br.com.kycert.client.FakeKycertServer.Reply;
import br.com.kycert.client.exception.InvalidRequestException;
import br.com.kycert.client.model.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Responses are UTF-8 whatever the JVM's default charset. The build also runs this class with
 * {@code -Dfile.encoding=ISO-8859-1}, where the generator's stock template would decode "João" as "JoÃ£o".
 */
class ResponseCharsetTest {

    private FakeKycertServer server;
    private KycertClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeKycertServer();
        client = Fixtures.clientFor(server, new Fixtures.RecordingSleeper())
                .maxNetworkRetries(0)
                .build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void accentedNamesInSuccessBodiesSurviveAnyDefaultCharset() {
        server.enqueue(
                Reply.json(200, Fixtures.runJson(RUN_ID, "completed").replace("João Silva", "Conceição Araújo Ñandú")));

        Run run = client.runs().get(RUN_ID);

        assertThat(run.getSubject().getName()).isEqualTo("Conceição Araújo Ñandú");
    }

    @Test
    void accentedTextInProblemBodiesSurvivesAnyDefaultCharset() {
        server.enqueue(Reply.problem(422, """
                {"status":422,"code":"invalid_document","detail":"O CPF não é válido: dígitos verificadores.",
                 "request_id":"req_ç"}"""));

        InvalidRequestException e = catchThrowableOfType(
                InvalidRequestException.class, () -> client.runs().create(Fixtures.createRunRequest()));

        assertThat(e.getDetail()).isEqualTo("O CPF não é válido: dígitos verificadores.");
        assertThat(e.getRequestId()).isEqualTo("req_ç");
    }
}
