package br.com.kycert.dashboard;

import br.com.kycert.support.Http;
import br.com.kycert.support.TestServer;
import br.com.kycert.users.Role;
import br.com.kycert.users.User;
import br.com.kycert.users.UserService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;

/**
 * A browser without a browser, for raw-HTTP dashboard tests: keeps cookies, signs in through the real
 * form, and posts forms with the page's CSRF token (or deliberately without it).
 */
final class DashboardClient {

    static final String PASSWORD = "correct horse battery staple";

    private final Http http;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final List<String> extraHeaders = new ArrayList<>();
    String csrf;

    DashboardClient(TestServer server, String... headers) {
        this.http = server.http();
        this.extraHeaders.addAll(List.of(headers));
    }

    static User member(TestServer server, UUID tenant, String email, Role role) {
        return server.bean(UserService.class).createMember(tenant, email, role, PASSWORD.toCharArray(), "test");
    }

    static User support(TestServer server, String email) {
        return server.bean(UserService.class).createSupport(email, PASSWORD.toCharArray(), "test");
    }

    /** Signs in through the form; returns the final answer (303 on success). */
    Http.Response signIn(String email, String password) {
        get("/dashboard/sign-in");
        Http.Response answer = post("/dashboard/sign-in", Map.of("email", email, "password", password));
        if (answer.status() == 303) {
            get("/dashboard");
        }
        return answer;
    }

    DashboardClient signedIn(String email) {
        Http.Response answer = signIn(email, PASSWORD);
        if (answer.status() != 303) {
            throw new AssertionError("sign-in failed: " + answer.status());
        }
        return this;
    }

    Http.Response get(String path, String... headers) {
        Http.Response response = http.get(path, headers(headers));
        remember(response);
        return response;
    }

    /** Posts a form with the CSRF token of the last page seen. */
    Http.Response post(String path, Map<String, ?> fields) {
        Map<String, Object> all = new LinkedHashMap<>(fields);
        all.putIfAbsent(DashboardGate.CSRF_FIELD, csrf);
        return postRaw(path, all);
    }

    /** Posts exactly these fields: no token added. */
    Http.Response postRaw(String path, Map<String, ?> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            List<?> values = value instanceof List<?> list ? list : List.of(value);
            for (Object v : values) {
                if (!body.isEmpty()) {
                    body.append('&');
                }
                body.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8));
            }
        });
        Http.Response response =
                http.send("POST", path, body.toString(), headers("Content-Type", "application/x-www-form-urlencoded"));
        remember(response);
        return response;
    }

    String cookie(String name) {
        return cookies.get(name);
    }

    void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    private String[] headers(String... more) {
        List<String> all = new ArrayList<>(extraHeaders);
        all.addAll(List.of(more));
        if (!cookies.isEmpty()) {
            all.add("Cookie");
            all.add(String.join(
                    "; ",
                    cookies.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .toList()));
        }
        return all.toArray(String[]::new);
    }

    private void remember(Http.Response response) {
        for (String header : response.headers().allValues("set-cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        if (response.contentType().startsWith("text/html")) {
            var input = Jsoup.parse(response.body()).selectFirst("input[name=" + DashboardGate.CSRF_FIELD + "]");
            if (input != null) {
                csrf = input.attr("value");
            }
        }
    }
}
