package br.com.kycert.contract.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte by byte on a plain socket, for requests no well-behaved client will send: targets that are
 * not valid URIs ({@code %ZZ}), header values with non-ASCII or invalid UTF-8 bytes, bodies that are not UTF-8, a
 * body without {@code Content-Type}. One connection per request ({@code Connection: close}); every exchange is
 * recorded and validated like {@link RawHttp}'s (origin {@code http}).
 */
public final class RawSocketHttp {

    /** A header as raw bytes (ISO-8859-1 is the identity on bytes, so {@link #of} keeps non-ASCII as given). */
    public record Header(String name, byte[] value) {
        public static Header of(String name, String value) {
            return new Header(name, value.getBytes(StandardCharsets.ISO_8859_1));
        }

        public static Header utf8(String name, String value) {
            return new Header(name, value.getBytes(StandardCharsets.UTF_8));
        }

        String text() {
            return new String(value, StandardCharsets.ISO_8859_1);
        }
    }

    private final String host;
    private final int port;
    private final String server;
    private final ContractRecorder recorder;

    public RawSocketHttp(String host, int port, String server, ContractRecorder recorder) {
        this.host = host;
        this.port = port;
        this.server = server;
        this.recorder = recorder;
    }

    /**
     * Sends {@code method target} with exactly these headers (plus {@code Host}, {@code Connection: close} and, for
     * a body, {@code Content-Length}) and the body bytes, and records the exchange.
     *
     * @param target the request target as it goes on the wire: raw path, optionally {@code ?} and raw query
     */
    public RawHttp.Response send(String method, String target, List<Header> headers, byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        write(request, method + " " + target + " HTTP/1.1\r\n");
        write(request, "Host: " + host + ":" + port + "\r\n");
        write(request, "Connection: close\r\n");
        Map<String, List<String>> sent = new LinkedHashMap<>();
        for (Header h : headers) {
            write(request, h.name() + ": ");
            request.writeBytes(h.value());
            write(request, "\r\n");
            sent.computeIfAbsent(h.name(), k -> new ArrayList<>()).add(h.text());
        }
        if (body != null) {
            write(request, "Content-Length: " + body.length + "\r\n");
        }
        write(request, "\r\n");
        if (body != null) {
            request.writeBytes(body);
        }

        byte[] raw = exchange(request.toByteArray(), method + " " + Exchange.abbreviate(target, 100));
        Parsed response = parse(raw, method + " " + Exchange.abbreviate(target, 100));

        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        Exchange exchange = recorder.record(
                "http",
                server,
                method,
                path,
                query,
                sent,
                body == null ? null : new String(body, StandardCharsets.UTF_8),
                response.status,
                response.headers,
                response.body);
        return new RawHttp.Response(response.status, response.headers, response.body, exchange);
    }

    private byte[] exchange(byte[] request, String what) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer (413) and close before reading a large body: read what it said.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[16_384];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    response.write(buffer, 0, n);
                }
            } catch (IOException e) {
                if (response.size() == 0) {
                    throw e;
                }
                // A reset after the response (the server closed with our body unread): keep the response.
            }
            return response.toByteArray();
        } catch (IOException e) {
            throw new AssertionError("request failed: " + what, e);
        }
    }

    private record Parsed(int status, Map<String, List<String>> headers, String body) {}

    private static Parsed parse(byte[] raw, String what) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) {
            throw new AssertionError("no HTTP response to " + what + ": "
                    + Exchange.abbreviate(new String(raw, StandardCharsets.ISO_8859_1), 300));
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if (headers.entrySet().stream()
                .anyMatch(e -> e.getKey().equalsIgnoreCase("Transfer-Encoding")
                        && e.getValue().stream()
                                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked")))) {
            body = dechunk(body);
        } else {
            String length = headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase("Content-Length"))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
            if (length != null) {
                body = java.util.Arrays.copyOf(body, Math.min(body.length, Integer.parseInt(length)));
            }
        }
        return new Parsed(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(
                    java.util.Arrays.copyOfRange(chunked, at, chunked.length),
                    "\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (lineEnd < 0) {
                break;
            }
            String size = new String(chunked, at, lineEnd, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int n = Integer.parseInt(size, 16);
            at += lineEnd + 2;
            if (n == 0) {
                break;
            }
            out.write(chunked, at, Math.min(n, chunked.length - at));
            at += n + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void write(ByteArrayOutputStream out, String ascii) {
        out.writeBytes(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }
}
