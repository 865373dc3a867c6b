package br.com.kycert.versions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The contract of every published version: the latest is the hand-written spec as written; each older one is
 * derived from it by the {@link VersionChange}s newer than it, so the per-version specs cannot disagree with the
 * translation the server applies.
 */
public final class SpecVersions {

    private static final byte[] LATEST = load();

    private SpecVersions() {}

    /** Each older version's spec, derived once: the derivation is deterministic. */
    private static final Map<String, byte[]> DERIVED = new ConcurrentHashMap<>();

    /** The spec of {@code version} as YAML, or empty for a version that was never published. */
    public static Optional<byte[]> render(String version) {
        if (!ApiVersionCatalog.versions().contains(version)) {
            return Optional.empty();
        }
        if (version.equals(ApiVersionCatalog.latest())) {
            return Optional.of(LATEST.clone());
        }
        return Optional.of(
                DERIVED.computeIfAbsent(version, SpecVersions::derive).clone());
    }

    private static byte[] derive(String version) {
        Map<String, Object> spec = new Yaml(new LoaderOptions()).load(new String(LATEST, StandardCharsets.UTF_8));
        for (VersionChange change : ApiVersionCatalog.changesAfter(version)) {
            change.downgradeSpec(spec);
        }
        JsonValues.map(spec.get("info")).put("version", version);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(120);
        options.setSplitLines(false);
        return new Yaml(options).dump(spec).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] load() {
        try (InputStream in = SpecVersions.class.getResourceAsStream("/openapi/kycert.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi/kycert.yaml is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
