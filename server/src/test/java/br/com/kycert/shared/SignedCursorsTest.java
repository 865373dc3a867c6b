package br.com.kycert.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SignedCursorsTest {

    static final byte[] KEY = "a test key of thirty-two bytes!!".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    final SignedCursors cursors = new SignedCursors("v2", KEY);
    final Instant at = Instant.parse("2026-12-02T12:00:00.123456Z");
    final UUID id = UUID.fromString("3fa85f64-5717-4562-b3fc-2c963f66afa6");

    @Test
    void aCursorReadsBackAsItsPositionWithTheSameBindings() {
        String cursor = cursors.encode(at, id, "tenant", "sandbox");
        assertThat(cursors.decode(cursor, "tenant", "sandbox")).hasValue(new SignedCursors.Position(at, id));
    }

    @Test
    void theMacIsTheHmacOfThePositionAndBindingsOnEveryThreadAndEveryCall() throws Exception {
        javax.crypto.Mac reference = javax.crypto.Mac.getInstance("HmacSHA256");
        reference.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
        String position = "v2:" + (at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000) + ":" + id;
        String expected = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(reference.doFinal(
                        (position + "\ntenant\nsandbox").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var results = new java.util.ArrayList<java.util.concurrent.Future<java.util.Set<String>>>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    var seen = new java.util.HashSet<String>();
                    for (int i = 0; i < 2_000; i++) {
                        String cursor = cursors.encode(at, id, "tenant", "sandbox");
                        seen.add(cursor.substring(cursor.indexOf('.') + 1));
                        // Another binding in between: nothing of one MAC may leak into the next.
                        cursors.encode(at, id, "tenant", "live");
                    }
                    return seen;
                }));
            }
            for (var result : results) {
                assertThat(result.get()).containsExactly(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void otherBindingsAnotherTagOrAnotherKeyAreRefused() {
        String cursor = cursors.encode(at, id, "tenant", "sandbox");
        assertThat(cursors.decode(cursor, "tenant", "live")).isEmpty();
        assertThat(cursors.decode(cursor, "other", "sandbox")).isEmpty();
        assertThat(new SignedCursors("t1", KEY).decode(cursor, "tenant", "sandbox"))
                .isEmpty();
        assertThat(new SignedCursors("v2", "another key".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .decode(cursor, "tenant", "sandbox"))
                .isEmpty();
    }

    @Test
    void everyOtherLastCharacterIsRefusedEvenWhereItDecodesToTheSameBytes() {
        String cursor = cursors.encode(at, id, "tenant");
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = cursor.charAt(cursor.length() - 1);
        for (char c : alphabet.toCharArray()) {
            if (c != last) {
                String altered = cursor.substring(0, cursor.length() - 1) + c;
                assertThat(cursors.decode(altered, "tenant")).as(altered).isEmpty();
            }
        }
        int dot = cursor.indexOf('.');
        char positionLast = cursor.charAt(dot - 1);
        for (char c : alphabet.toCharArray()) {
            if (c != positionLast) {
                String altered = cursor.substring(0, dot - 1) + c + cursor.substring(dot);
                assertThat(cursors.decode(altered, "tenant")).as(altered).isEmpty();
            }
        }
    }

    @Test
    void garbageIsRefusedNotThrown() {
        for (String bad : new String[] {"", ".", "abc", "a.b.c", "!!!.???", "djI6eA.AAAA"}) {
            assertThat(cursors.decode(bad, "tenant")).as(bad).isEmpty();
        }
    }
}
