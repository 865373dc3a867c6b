package br.com.kycert.shared.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the hand-written contract, exactly as written, at {@code /openapi.yaml}. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
final class SpecController {

    private final byte[] spec;

    SpecController() {
        try (InputStream in = SpecController.class.getResourceAsStream("/openapi/kycert.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi/kycert.yaml is missing from the classpath");
            }
            spec = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get("/openapi.yaml")
    @Produces("application/yaml")
    HttpResponse<byte[]> spec() {
        return HttpResponse.ok(spec);
    }
}
