package dev.customerpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2026-12-02T06:30:00Z|2026-12-02T06:30:00Z",
      "2026-12-02T06:30:00.123456Z|2026-12-02T06:30:00.123456Z",
      "2026-12-02t06:30:00z|2026-12-02T06:30:00Z",
      "2026-12-02T07:30:00+01:00|2026-12-02T06:30:00Z",
      "2026-12-02T01:30:00-05:00|2026-12-02T06:30:00Z",
      "2026-12-02T07:30:00+01:00[Europe/Berlin]|2026-12-02T06:30:00Z",
      "2026-07-02T08:30:00+02:00[Europe/Berlin]|2026-07-02T06:30:00Z",
      "2026-12-02 06:30:00|2026-12-02T06:30:00Z",
      "2026-12-02 07:30:00+01:00|2026-12-02T06:30:00Z",
      "2026-12-02 07:30:00.5 Europe/Berlin|2026-12-02T06:30:00.500Z",
      "2026-12-02T06:30|2026-12-02T06:30:00Z",
      "2026-12-02|2026-12-02T00:00:00Z",
      "Wed, 2 Dec 2026 06:30:00 GMT|2026-12-02T06:30:00Z",
      "Wed, 2 Dec 2026 07:30:00 +0100|2026-12-02T06:30:00Z",
      "1796193000|2026-12-02T06:30:00Z",
      "1796193000.25|2026-12-02T06:30:00.250Z",
      "1796193000123|2026-12-02T06:30:00.123Z",
      "0|1970-01-01T00:00:00Z",
      "'  2026-12-02T06:30:00Z '|2026-12-02T06:30:00Z",
  })
  void readsTheCommonFormatsAsUtcInstants(String text, String instant) {
    assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(instant));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "03/04/2026|'03/04/2026' is a slashed date, which reads differently by country; use ISO-8601 (2026-12-02T06:30:00Z)",
      "yesterday|'yesterday' is not a timestamp in a known format (ISO-8601, RFC 1123, epoch seconds or milliseconds)",
      "2026-13-02T06:30:00Z|'2026-13-02T06:30:00Z' is not a timestamp in a known format (ISO-8601, RFC 1123, epoch seconds or milliseconds)",
      "1796193000123.5|'1796193000123.5': epoch milliseconds take no decimals",
      "''|an empty timestamp",
  })
  void refusesAmbiguousAndUnknownFormats(String text, String message) {
    assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }
}
