package br.com.kycert.runs;

import br.com.kycert.keys.KeysConfiguration;
import br.com.kycert.shared.TenantScope;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * List cursors: the position (creation time in microseconds, id) of the last run of a page, signed with HMAC-SHA256
 * under a key derived from the server secret ({@code kycert.keys.pepper}) and bound to the tenant, the environment
 * and the filters of the listing. A cursor made by hand, altered, issued to another tenant or environment, or used
 * with other filters is refused with 400 {@code invalid_cursor}: a cursor can never widen what a listing shows.
 */
@Singleton
final class Cursors {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final byte[] key;

    Cursors(KeysConfiguration keys) {
        // A key of its own, derived from the server secret, so a cursor's MAC is never a key digest.
        this.key = keys.derive("kycert list cursors v2");
    }

    String encode(RunEntity last, TenantScope scope, RunRepository.ListFilter filter) {
        Instant at = last.times().createdAt();
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        String position = "v2:" + micros + ":" + last.id();
        byte[] mac = hmac(key, bound(position, scope, filter));
        return B64.encodeToString(position.getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(mac);
    }

    RunRepository.Position decode(String cursor, TenantScope scope, RunRepository.ListFilter filter) {
        try {
            int dot = cursor.indexOf('.');
            if (dot <= 0 || dot != cursor.lastIndexOf('.')) {
                throw new IllegalArgumentException();
            }
            // Base64 without padding ignores the low bits of a last character: only the canonical spelling of the
            // bytes is a cursor this API issued, so an altered last character is never accepted for the same bytes.
            if (!canonical(cursor.substring(0, dot)) || !canonical(cursor.substring(dot + 1))) {
                throw new IllegalArgumentException();
            }
            String position =
                    new String(Base64.getUrlDecoder().decode(cursor.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] mac = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
            if (!MessageDigest.isEqual(mac, hmac(key, bound(position, scope, filter)))) {
                throw new IllegalArgumentException();
            }
            String[] parts = position.split(":", -1);
            if (parts.length != 3 || !parts[0].equals("v2")) {
                throw new IllegalArgumentException();
            }
            long micros = Long.parseLong(parts[1]);
            Instant at = Instant.ofEpochSecond(
                    Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
            return new RunRepository.Position(at, UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw invalid();
        }
    }

    static RunRefusal invalid() {
        return RunRefusal.invalidCursor();
    }

    /** What the MAC covers: the position, whose data it is, and the listing it continues. */
    private static byte[] bound(String position, TenantScope scope, RunRepository.ListFilter f) {
        String text = String.join(
                "\n",
                position,
                scope.tenantId().toString(),
                scope.environment().value(),
                String.valueOf(f.status()),
                String.valueOf(f.decision()),
                String.valueOf(f.externalId()),
                String.valueOf(f.templateId()),
                String.valueOf(f.subjectType()),
                String.valueOf(f.createdAfter()),
                String.valueOf(f.createdBefore()));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static boolean canonical(String part) {
        return B64.encodeToString(Base64.getUrlDecoder().decode(part)).equals(part);
    }
}
