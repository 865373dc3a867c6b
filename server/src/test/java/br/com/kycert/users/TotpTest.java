package br.com.kycert.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

    /** The SHA-1 seed of RFC 6238 appendix B. */
    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"
    })
    void matchesTheRfc6238TestVectors(long unixTime, String expected) {
        long step = Totp.step(Instant.ofEpochSecond(unixTime));
        assertThat(Totp.code(RFC_SECRET, step, 8)).isEqualTo(expected);
        // Six digits, as authenticator apps show them, are the last six of the same value.
        assertThat(Totp.code(RFC_SECRET, step, 6)).isEqualTo(expected.substring(2));
    }

    @Test
    void acceptsOneStepOfDriftEitherWayAndNoMore() {
        Instant now = Instant.ofEpochSecond(1111111111L);
        long step = Totp.step(now);
        assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step, 6), now)).hasValue(step);
        assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step - 1, 6), now))
                .hasValue(step - 1);
        assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step + 1, 6), now))
                .hasValue(step + 1);
        assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step - 2, 6), now))
                .isEmpty();
        assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step + 2, 6), now))
                .isEmpty();
    }

    @Test
    void refusesMalformedCodesAndToleratesSpaces() {
        Instant now = Instant.ofEpochSecond(59);
        assertThat(Totp.match(RFC_SECRET, "287 082", now)).isPresent();
        assertThat(Totp.match(RFC_SECRET, null, now)).isEmpty();
        assertThat(Totp.match(RFC_SECRET, "28708", now)).isEmpty();
        assertThat(Totp.match(RFC_SECRET, "28708a", now)).isEmpty();
        assertThat(Totp.match(RFC_SECRET, "94287082", now)).isEmpty();
    }

    @Test
    void base32AndTheOtpauthUriAreWhatAuthenticatorAppsRead() {
        // RFC 4648 §10 test vectors, without padding.
        assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Totp.base32("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
        assertThat(Totp.base32(RFC_SECRET)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.otpauthUri("kycert", "ana@corretora.com.br", RFC_SECRET))
                .isEqualTo("otpauth://totp/kycert:ana%40corretora.com.br?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                        + "&issuer=kycert&algorithm=SHA1&digits=6&period=30");
    }
}
