package br.com.kycert.cli;

import io.micronaut.core.io.scan.DefaultClassPathResourceLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.Optional;
import java.util.jar.JarEntry;

/**
 * Reads the configuration files ({@code application.yml}, {@code application-cli.yml}) of a
 * command out of the server jar through the jar the class loader has already opened. Micronaut
 * 4.10's own loader opens the jar as a zip file system for each file, which reads and indexes its
 * ~19,000 entries every time: a tenth of a command's start-up. Anything else (a directory, a
 * resource outside a plain jar, such as the test classpath's directories) goes the default way.
 */
final class JarEntryResourceLoader extends DefaultClassPathResourceLoader {

    private static final String CLASSPATH = "classpath:";

    JarEntryResourceLoader(ClassLoader classLoader) {
        super(classLoader);
    }

    @Override
    public Optional<InputStream> getResourceAsStream(String path) {
        String name = path.startsWith(CLASSPATH) ? path.substring(CLASSPATH.length()) : path;
        while (name.startsWith("/")) {
            name = name.substring(1);
        }
        URL url = name.contains("..") ? null : getClassLoader().getResource(name);
        if (url == null || !isEntryOfJarFile(url)) {
            return super.getResourceAsStream(path);
        }
        try {
            JarURLConnection connection = (JarURLConnection) url.openConnection();
            // The cached jar of the jar protocol handler: no second central-directory read, never closed here.
            connection.setUseCaches(true);
            JarEntry entry = connection.getJarEntry();
            if (entry == null || entry.isDirectory()) {
                return Optional.empty();
            }
            try (InputStream in = connection.getJarFile().getInputStream(entry)) {
                return Optional.of(new ByteArrayInputStream(in.readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from " + url, e);
        }
    }

    /** {@code jar:file:/…/kycert-server.jar!/application.yml}, not a jar nested in another one. */
    private static boolean isEntryOfJarFile(URL url) {
        if (!"jar".equals(url.getProtocol())) {
            return false;
        }
        String spec = url.getFile();
        int separator = spec.indexOf("!/");
        return spec.startsWith("file:") && separator > 0 && spec.indexOf("!/", separator + 2) < 0;
    }
}
