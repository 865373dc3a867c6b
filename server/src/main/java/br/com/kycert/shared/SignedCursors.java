package br.com.kycert.shared;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyset-pagination cursors every listing shares: the position of a page's last row ({@code <tag>:<creation time in
 * microseconds>:<id>}), base64url without padding, a dot, and an HMAC-SHA256 over the position and what the listing
 * binds it to (tenant, environment, filters), each on its own line. Only the canonical spelling is accepted: base64
 * without padding ignores the low bits of a last character, so an altered cursor never passes for the same bytes.
 */
public final class SignedCursors {

    /** Where a page ends: the last row's creation time and id. */
    public record Position(Instant createdAt, UUID id) {}

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    private final String tag;
    private final byte[] key;
    /** Each thread's MAC, keyed once: {@link Mac} is not thread-safe, and getting and keying one per cursor was a
     * tenth of a list page's own work. {@code doFinal} resets it for the next cursor. */
    private final ThreadLocal<Mac> macs;

    /**
     * @param tag the position's first field, telling one listing's cursors from another's
     * @param key the MAC key, derived from the server secret for this listing alone
     */
    public SignedCursors(String tag, byte[] key) {
        this.tag = tag;
        this.key = key.clone();
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public String encode(Instant createdAt, UUID id, String... bound) {
        long micros = createdAt.getEpochSecond() * 1_000_000L + createdAt.getNano() / 1_000;
        String position = tag + ":" + micros + ":" + id;
        return B64.encodeToString(position.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(mac(position, bound));
    }

    /** The position, or empty for anything this listing did not issue with these bindings. */
    public Optional<Position> decode(String cursor, String... bound) {
        try {
            int dot = cursor.indexOf('.');
            if (dot <= 0 || dot != cursor.lastIndexOf('.')) {
                return Optional.empty();
            }
            String encodedPosition = cursor.substring(0, dot);
            String encodedMac = cursor.substring(dot + 1);
            byte[] positionBytes = B64_DECODER.decode(encodedPosition);
            byte[] presented = B64_DECODER.decode(encodedMac);
            if (!B64.encodeToString(positionBytes).equals(encodedPosition)
                    || !B64.encodeToString(presented).equals(encodedMac)) {
                return Optional.empty();
            }
            String position = new String(positionBytes, StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(presented, mac(position, bound))) {
                return Optional.empty();
            }
            String[] parts = position.split(":", -1);
            if (parts.length != 3 || !parts[0].equals(tag)) {
                return Optional.empty();
            }
            long micros = Long.parseLong(parts[1]);
            Instant at = Instant.ofEpochSecond(
                    Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
            return Optional.of(new Position(at, UUID.fromString(parts[2])));
        } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String position, String... bound) {
        String text = position + (bound.length == 0 ? "" : "\n" + String.join("\n", bound));
        return macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
