package br.com.kycert.support;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 written byte by byte on a plain socket, for requests that well-behaved clients refuse to send: lower-case
 * methods, spaces in the path, control characters in headers, two copies of a header, chunked framing garbage, bodies
 * that are not UTF-8. One connection per request; the server's answer is read until it closes the connection.
 */
public final class RawSocket {

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final String host;
    private final int port;

    public RawSocket(String baseUrl) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    /** A response as read off the wire. */
    public record Response(String statusLine, int status, Map<String, List<String>> headers, byte[] bodyBytes) {
        public Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst();
        }

        public List<String> headers(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .toList();
        }

        public String body() {
            return new String(bodyBytes, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readValue(body(), JsonNode.class);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + body(), e);
            }
        }

        public String code() {
            JsonNode code = json().get("code");
            return code == null ? null : code.getStringValue();
        }
    }

    /** Sends a request head written as given ({@code Host} and {@code Connection: close} added) and a body. */
    public Response send(String requestLine, List<String> headerLines, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, requestLine + "\r\n");
        write(out, "Host: " + host + ":" + port + "\r\n");
        write(out, "Connection: close\r\n");
        for (String h : headerLines) {
            out.writeBytes(h.getBytes(StandardCharsets.ISO_8859_1));
            write(out, "\r\n");
        }
        write(out, "\r\n");
        if (body != null) {
            out.writeBytes(body);
        }
        return exchange(out.toByteArray());
    }

    /** Sends {@code method path} with a JSON body and a correct Content-Length. */
    public Response json(String method, String path, List<String> headerLines, byte[] body) {
        List<String> all = new ArrayList<>(headerLines);
        all.add("Content-Type: application/json");
        all.add("Content-Length: " + body.length);
        return send(method + " " + path + " HTTP/1.1", all, body);
    }

    /** Sends the bytes exactly as given: nothing is added. */
    public Response exchange(byte[] request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before it read everything: read what it said.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[16_384];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    response.write(buffer, 0, n);
                    if (complete(response.toByteArray())) {
                        break;
                    }
                }
            } catch (IOException e) {
                if (response.size() == 0) {
                    throw e;
                }
            }
            return parse(response.toByteArray());
        } catch (IOException e) {
            throw new AssertionError("request failed", e);
        }
    }

    /** True once a whole response with a Content-Length (or a chunked one with its last chunk) is in. */
    private static boolean complete(byte[] raw) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (end < 0) {
            return false;
        }
        String head = new String(raw, 0, end, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        for (String line : head.split("\r\n")) {
            if (line.startsWith("content-length:")) {
                return raw.length - end - 4
                        >= Integer.parseInt(line.substring(15).trim());
            }
        }
        if (head.contains("transfer-encoding: chunked")) {
            return indexOf(raw, "\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), end) >= 0;
        }
        return false;
    }

    private static Response parse(byte[] raw) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (end < 0) {
            throw new AssertionError("no HTTP response: " + new String(raw, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        Response partial = new Response(lines[0], Integer.parseInt(statusLine[1]), headers, body);
        if (partial.header("Transfer-Encoding")
                .map(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))
                .orElse(false)) {
            body = dechunk(body);
        } else if (partial.header("Content-Length").isPresent()) {
            body = Arrays.copyOf(
                    body,
                    Math.min(
                            body.length,
                            Integer.parseInt(partial.header("Content-Length").get())));
        }
        return new Response(lines[0], partial.status(), headers, body);
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int eol = indexOf(body, "\r\n".getBytes(StandardCharsets.ISO_8859_1), at);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(
                    new String(body, at, eol - at, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, eol + 2, Math.min(size, body.length - eol - 2));
            at = eol + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
