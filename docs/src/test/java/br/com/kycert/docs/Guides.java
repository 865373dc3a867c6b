package br.com.kycert.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Markdown guides under {@code docs/guides/}, read from the source tree. */
final class Guides {

    private Guides() {}

    /** The guides directory, passed in by surefire. */
    static Path dir() {
        return Path.of(required("kycert.guides")).toAbsolutePath().normalize();
    }

    /** The repository root, so links out of the guides (to the SDK README, the spec) can be checked. */
    static Path repo() {
        return Path.of(required("kycert.repo")).toAbsolutePath().normalize();
    }

    static List<Markdown> all() {
        try (Stream<Path> files = Files.walk(dir())) {
            List<Markdown> guides = files.filter(p -> p.toString().endsWith(".md"))
                    .sorted()
                    .map(Guides::read)
                    .toList();
            if (guides.isEmpty()) {
                throw new IllegalStateException("no guides in " + dir());
            }
            return guides;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Markdown named(String fileName) {
        return read(dir().resolve(fileName));
    }

    static Markdown read(Path path) {
        try {
            return new Markdown(path.toAbsolutePath().normalize(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (see docs/pom.xml)");
        }
        return value;
    }
}
