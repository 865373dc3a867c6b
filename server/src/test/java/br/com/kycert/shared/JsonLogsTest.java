package br.com.kycert.shared;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * The server's own logback.xml, configured into a context of its own with {@code kycert.log.format} set as
 * {@code KYCERT_LOG_FORMAT} would set it, writing to a captured stderr through the asynchronous appender: a full
 * API key and full CPF and CNPJ in the message, an argument, the MDC, a key-value pair and an exception's message
 * appear in no line, and each line is one valid JSON object with the fields.
 */
class JsonLogsTest {

    static final String KEY = "sk_live_" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z7AbCdEfGhIjK";
    static final String CPF = "529.982.247-25";
    static final String CPF_DIGITS = "52998224725";
    static final String CNPJ = "11.222.333/0001-81";
    static final String CNPJ_DIGITS = "11222333000181";

    @Test
    void everyFieldIsMaskedAndEachLineIsOneJsonObject() throws Exception {
        List<JsonNode> lines = logAs("json", log -> {
            MDC.put("subject", CPF);
            MDC.put("api_key", KEY);
            try {
                log.atInfo()
                        .addKeyValue("request_id", "req_0123456789abcdef0123456789abcdef")
                        .addKeyValue("tenant_id", "3fa85f64-5717-4562-b3fc-2c963f66afa6")
                        .addKeyValue("route", "/api/v1/bureau/runs/{id}")
                        .addKeyValue("status", 201)
                        .addKeyValue("duration_ms", 12.5)
                        .addKeyValue("document", Long.parseLong(CPF_DIGITS))
                        .addKeyValue("message", "a \"quoted\"\nline for " + CNPJ)
                        .log("run for {} by key {} and company {}", CPF_DIGITS, KEY, CNPJ);
                log.error(
                        "source failed for " + CNPJ_DIGITS,
                        new IllegalStateException(
                                "bureau refused " + CPF + " with key " + KEY,
                                new RuntimeException("cause for " + CNPJ)));
            } finally {
                MDC.clear();
            }
        });

        assertThat(lines).hasSize(2);
        JsonNode access = lines.get(0);
        assertThat(access.get("level").getStringValue()).isEqualTo("INFO");
        assertThat(access.get("logger").getStringValue()).isEqualTo("kycert.test");
        assertThat(access.get("timestamp").getStringValue()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(access.get("thread").getStringValue()).isNotEmpty();
        assertThat(access.get("message").getStringValue())
                .isEqualTo("run for [document] by key sk_live_[redacted] and company [document]");
        assertThat(access.get("arguments").get(0).getStringValue()).isEqualTo("[document]");
        assertThat(access.get("arguments").get(1).getStringValue()).isEqualTo("sk_live_[redacted]");
        assertThat(access.get("mdc").get("subject").getStringValue()).isEqualTo("[document]");
        assertThat(access.get("mdc").get("api_key").getStringValue()).isEqualTo("sk_live_[redacted]");
        assertThat(access.get("request_id").getStringValue()).isEqualTo("req_0123456789abcdef0123456789abcdef");
        assertThat(access.get("tenant_id").getStringValue()).isEqualTo("3fa85f64-5717-4562-b3fc-2c963f66afa6");
        assertThat(access.get("route").getStringValue()).isEqualTo("/api/v1/bureau/runs/{id}");
        assertThat(access.get("status").getIntValue()).isEqualTo(201);
        assertThat(access.get("duration_ms").getDoubleValue()).isEqualTo(12.5);
        // A document logged as a number becomes a masked string, and the JSON stays valid.
        assertThat(access.get("document").getStringValue()).isEqualTo("[document]");
        // A pair named like a standard field does not replace it.
        assertThat(access.get("kv_message").getStringValue()).isEqualTo("a \"quoted\"\nline for [document]");

        JsonNode failure = lines.get(1);
        assertThat(failure.get("level").getStringValue()).isEqualTo("ERROR");
        assertThat(failure.get("message").getStringValue()).isEqualTo("source failed for [document]");
        assertThat(failure.get("exception").getStringValue())
                .contains("java.lang.IllegalStateException: bureau refused [document] with key sk_live_[redacted]")
                .contains("Caused by: java.lang.RuntimeException: cause for [document]")
                .contains("at br.com.kycert.shared.JsonLogsTest");
    }

    @Test
    void textStaysTheDefaultAndIsMaskedToo() throws Exception {
        String out = capture(null, log -> log.warn("refused {} for {}", KEY, CPF));
        assertThat(out).contains("WARN").contains("kycert.test - refused sk_live_[redacted] for [document]");
        assertThat(out.strip()).doesNotStartWith("{");
        assertThat(out).doesNotContain(KEY, CPF);
    }

    @Test
    void onlyAPreMaskedEventIsWrittenAsItIsInBothFormats() throws Exception {
        // What the marker promises is the logging code's (AccessLog masks its one client value itself): the log
        // trusts it, and masks every event without it.
        Logging both = log -> {
            log.atInfo()
                    .addMarker(LogMasking.PRE_MASKED)
                    .addKeyValue("route", "/r/" + CPF_DIGITS)
                    .log("pre " + CPF_DIGITS);
            log.atInfo().addKeyValue("route", "/r/" + CPF_DIGITS).log("plain " + CPF_DIGITS);
        };
        String text = capture("text", both);
        assertThat(text).contains("kycert.test - pre " + CPF_DIGITS).contains("kycert.test - plain [document]");
        String json = capture("json", both);
        assertThat(json)
                .contains("\"message\":\"pre " + CPF_DIGITS + "\",\"route\":\"/r/" + CPF_DIGITS + "\"")
                .contains("\"message\":\"plain [document]\",\"route\":\"/r/[document]\"");
    }

    @Test
    void anUnknownFormatIsReportedAndLogsAsText() throws Exception {
        LoggerContext context = new LoggerContext();
        String out = capture(context, "xml", log -> log.info("still logged"));
        assertThat(out).contains("INFO").contains("kycert.test - still logged");
        assertThat(context.getStatusManager().getCopyOfStatusList()).anySatisfy(s -> {
            assertThat(s.getLevel()).isEqualTo(Status.ERROR);
            assertThat(s.getMessage()).contains("must be text or json, not \"xml\"");
        });
    }

    interface Logging {
        void with(Logger log) throws Exception;
    }

    static List<JsonNode> logAs(String format, Logging logging) throws Exception {
        String out = capture(format, logging);
        assertThat(out).doesNotContain(KEY, CPF, CPF_DIGITS, CNPJ, CNPJ_DIGITS);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(ObjectMapper.getDefault().readValue(line, JsonNode.class));
                } catch (IOException | RuntimeException e) {
                    throw new AssertionError("not one JSON object: " + line, e);
                }
            }
        }
        return lines;
    }

    /** Logs through logback.xml into a fresh context; stopping the context drains the asynchronous appender. */
    static String capture(String format, Logging logging) throws Exception {
        return capture(new LoggerContext(), format, logging);
    }

    static String capture(LoggerContext context, String format, Logging logging) throws Exception {
        URL config = LogEncoder.class.getResource("/logback.xml");
        assertThat(config).isNotNull();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        context.setMDCAdapter(MDC.getMDCAdapter());
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            if (format != null) {
                context.putProperty("kycert.log.format", format);
            }
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(config);
            context.start();
            logging.with(context.getLogger("kycert.test"));
        } finally {
            context.stop();
            System.setErr(stderr);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
