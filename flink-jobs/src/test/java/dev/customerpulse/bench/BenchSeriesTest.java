package dev.customerpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchSeriesTest {

  @Test
  void summarisesEveryNumericFigureByItsPathWithMedianLowestAndHighest() {
    List<Map<String, Object>> runs = List.of(
        Map.of("throughput_events_per_s", 90_000L, "checkpoints", Map.of("median_ms", 300L), "when", "a"),
        Map.of("throughput_events_per_s", 60_000L, "checkpoints", Map.of("median_ms", 100L), "when", "b"),
        Map.of("throughput_events_per_s", 75_500L, "checkpoints", Map.of("median_ms", 200L), "when", "c"));

    Map<String, Object> summary = BenchSeries.summary(runs);

    assertThat(summary).containsOnlyKeys("throughput_events_per_s", "checkpoints.median_ms");
    assertThat(summary.get("throughput_events_per_s")).isEqualTo(Map.of("median", 75_500.0, "lowest", 60_000.0, "highest", 90_000.0));
    assertThat(summary.get("checkpoints.median_ms")).isEqualTo(Map.of("median", 200.0, "lowest", 100.0, "highest", 300.0));
  }

  @Test
  void aFigureMissingFromOneRunIsLeftOut() {
    Map<String, Object> summary = BenchSeries.summary(List.of(Map.of("a", 1, "b", 2), Map.of("a", 3)));
    assertThat(summary).containsOnlyKeys("a");
  }

  @Test
  void theMedianOfAnEvenNumberOfRunsIsTheMeanOfTheMiddleTwo() {
    assertThat(BenchSeries.median(List.of(1.0, 2.0, 4.0, 10.0))).isEqualTo(3.0);
    assertThat(BenchSeries.median(List.of(7.0))).isEqualTo(7.0);
  }
}
