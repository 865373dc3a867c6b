package br.com.kycert.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessLogTest {

    @Test
    void durationsAreMillisecondsWithOneDecimalRoundedHalfUp() {
        assertThat(AccessLog.tenths(0)).isEqualTo("0.0");
        assertThat(AccessLog.tenths(49)).isEqualTo("0.0");
        assertThat(AccessLog.tenths(50)).isEqualTo("0.1");
        assertThat(AccessLog.tenths(12_345)).isEqualTo("12.3");
        assertThat(AccessLog.tenths(12_350)).isEqualTo("12.4");
        assertThat(AccessLog.tenths(999_960)).isEqualTo("1000.0");
        assertThat(AccessLog.tenths(1_234_567)).isEqualTo("1234.6");
    }
}
