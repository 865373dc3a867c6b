package br.com.kycert.shared.web;

import br.com.kycert.api.model.ApiVersion;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The published API versions. They come from the spec's {@code ApiVersion} enum, so a version
 * exists for the server exactly when the contract documents it.
 */
public final class ApiVersions {

    public static final String HEADER = "x-kycert-api-version";

    private static final List<String> SUPPORTED = Arrays.stream(ApiVersion.values())
            .map(ApiVersion::getValue)
            .sorted()
            .toList();

    private ApiVersions() {}

    public static String latest() {
        return SUPPORTED.get(SUPPORTED.size() - 1);
    }

    public static List<String> supported() {
        return SUPPORTED;
    }

    public static Optional<String> find(String requested) {
        return SUPPORTED.stream().filter(v -> v.equals(requested)).findFirst();
    }
}
