package br.com.kycert.versions;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every published API version: the first one and one per {@link VersionChange}, with the deprecation notices. The
 * spec's {@code ApiVersion} enum and {@code x-api-versions}, the changelog and the per-version specs are checked
 * against (or derived from) this list by tests, so they cannot disagree.
 */
public final class ApiVersionCatalog {

    /** A retired-to-be version: when the notice was published and the day from which it is no longer served. */
    public record Deprecation(LocalDate deprecatedOn, LocalDate sunsetOn) {}

    /** The first published version, which no change introduced. */
    public static final String FIRST = "2026-06-03";

    /** Newest last. */
    static final List<VersionChange> CHANGES = List.of(new SubjectDocumentChange());

    /**
     * 2026-06-03 shows full-length document fields under another name than every later version; its notice went out
     * with 2026-12-01 and it is served for 12 months after it.
     */
    static final Map<String, Deprecation> DEPRECATIONS =
            Map.of(FIRST, new Deprecation(LocalDate.of(2026, 12, 1), LocalDate.of(2027, 12, 1)));

    /** Every published version, oldest first: read on every API request, so listed once. */
    private static final List<String> VERSIONS = Stream.concat(
                    Stream.of(FIRST), CHANGES.stream().map(VersionChange::version))
            .sorted()
            .toList();

    private ApiVersionCatalog() {}

    /** Every published version, oldest first. */
    public static List<String> versions() {
        return VERSIONS;
    }

    public static String latest() {
        return VERSIONS.get(VERSIONS.size() - 1);
    }

    /** The changes a response goes through, newest first, to reach {@code version}. */
    public static List<VersionChange> changesAfter(String version) {
        return CHANGES.stream()
                .filter(c -> c.version().compareTo(version) > 0)
                .sorted(Comparator.comparing(VersionChange::version).reversed())
                .toList();
    }

    /** The changes introduced by exactly this version. */
    public static List<VersionChange> changesIn(String version) {
        return CHANGES.stream().filter(c -> c.version().equals(version)).toList();
    }

    public static Optional<Deprecation> deprecation(String version) {
        return Optional.ofNullable(DEPRECATIONS.get(version));
    }

    /** {@code current}, {@code supported} or {@code deprecated}, as {@code x-api-versions} and the versioning guide say. */
    public static String status(String version) {
        if (DEPRECATIONS.containsKey(version)) {
            return "deprecated";
        }
        return version.equals(latest()) ? "current" : "supported";
    }

    /**
     * Whether a request may still be served by this version on this day (UTC): up to the day before its sunset. The
     * {@code Sunset} header names the sunset day's first instant, from which the version is refused.
     */
    public static boolean servable(String version, LocalDate today) {
        return deprecation(version).map(d -> today.isBefore(d.sunsetOn())).orElse(true);
    }
}
