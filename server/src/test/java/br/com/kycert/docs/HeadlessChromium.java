package br.com.kycert.docs;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium, driven from the command line: it loads a page, runs its scripts (with
 * a bounded virtual-time budget) and prints the resulting DOM. Every host name but 127.0.0.1 fails
 * to resolve, so a page that needs the network (a CDN) cannot render.
 *
 * <p>Without Chromium the tests that need it are skipped, except under CI (the {@code CI} variable
 * set), where a missing browser is a failure: {@code .ci/run} installs it.
 */
final class HeadlessChromium {

    private static final List<String> NAMES =
            List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    private static final long TIMEOUT_SECONDS = 60;

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The browser, or the test is skipped (locally) or failed (under CI). */
    static HeadlessChromium require() {
        Optional<Path> found = find();
        if (found.isEmpty()) {
            String hint =
                    "headless Chromium is needed (apt-get install -y chromium chromium-driver, or set KYCERT_CHROMIUM)";
            if (underCi()) {
                fail("CI is set but " + hint);
            }
            Assumptions.abort("Skipped: " + hint);
        }
        return new HeadlessChromium(found.get());
    }

    /** The browser if this machine has one (no skipping, no failing). */
    static Optional<HeadlessChromium> ifInstalled() {
        return find().map(HeadlessChromium::new);
    }

    static boolean underCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
    }

    private static Optional<Path> find() {
        String explicit = System.getenv("KYCERT_CHROMIUM");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
        }
        return NAMES.stream()
                .map(HeadlessChromium::onPath)
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** An executable of this name on the PATH. */
    static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Opens the page at a fixed window size, lets its scripts run, and saves what it shows as a PNG. */
    void screenshot(String url, Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(url, List.of("--window-size=1280,1400", "--hide-scrollbars", "--screenshot=" + png.toAbsolutePath()));
        if (!Files.isRegularFile(png) || Files.size(png) == 0) {
            fail("Chromium saved no screenshot of " + url);
        }
    }

    /** Opens the page, lets its scripts run, and returns the DOM as HTML. */
    String dumpDom(String url) throws IOException, InterruptedException {
        return run(url, List.of("--dump-dom"));
    }

    private String run(String url, List<String> mode) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("kycert-chromium-");
        Path out = profile.resolve("dom.html");
        Path err = profile.resolve("stderr.txt");
        try {
            List<String> command = new java.util.ArrayList<>(List.of(
                    binary.toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-extensions",
                    "--no-first-run",
                    "--no-default-browser-check",
                    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                    "--user-data-dir=" + profile.resolve("profile"),
                    "--virtual-time-budget=15000"));
            command.addAll(mode);
            command.add(url);
            Process process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail("Chromium did not finish " + url + " within " + TIMEOUT_SECONDS + " s");
            }
            String dom = Files.readString(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0 || (mode.contains("--dump-dom") && dom.isBlank())) {
                fail("Chromium failed on " + url + " (exit " + process.exitValue() + "):\n" + tail(err));
            }
            return dom;
        } finally {
            deleteQuietly(profile);
        }
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a leftover temp directory is not worth failing a test for
        }
    }
}
