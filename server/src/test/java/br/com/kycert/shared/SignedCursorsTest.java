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
