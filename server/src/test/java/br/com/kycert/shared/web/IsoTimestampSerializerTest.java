package br.com.kycert.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast timestamp writer writes what {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} writes, for any value. */
class IsoTimestampSerializerTest {

    private static void same(OffsetDateTime value) {
        assertThat(IsoTimestampSerializer.format(value))
                .as("%s", value)
                .isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
    }

    @Test
    void writesWhatTheIsoFormatterWritesAtTheEdges() {
        same(OffsetDateTime.of(2026, 12, 3, 20, 36, 0, 0, ZoneOffset.UTC)); // whole minute: seconds still written
        same(OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 100_000_000, ZoneOffset.UTC)); // .1
        same(OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 123_456_000, ZoneOffset.UTC)); // microseconds, as stored
        same(OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 1, ZoneOffset.UTC)); // .000000001
        same(OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 999_999_999, ZoneOffset.ofHours(-3)));
        same(OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHoursMinutesSeconds(5, 30, 15)));
        same(OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(14)));
        same(OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 0, ZoneOffset.ofHours(-18)));
        same(OffsetDateTime.of(10_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        same(OffsetDateTime.of(-1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(IsoTimestampSerializer.format(OffsetDateTime.of(2026, 12, 3, 20, 36, 0, 0, ZoneOffset.UTC)))
                .isEqualTo("2026-12-03T20:36:00Z");
    }

    @Test
    void writesWhatTheIsoFormatterWritesForRandomValues() {
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 100_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L));
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            int offset = i % 3 == 0 ? 0 : random.nextInt(-18 * 3600, 18 * 3600 + 1);
            same(OffsetDateTime.ofInstant(at.plusNanos(nano), ZoneOffset.ofTotalSeconds(offset)));
        }
    }
}
