package dev.customerpulse.scoring;

import java.io.Serializable;
import java.util.List;

/**
 * Score boundaries for RFM, each four ascending thresholds splitting values into scores 1-5.
 *
 * @param recencyDays days since the last purchase: at most the first threshold scores 5, above the last scores 1
 * @param frequency purchase days: below the first threshold scores 1, at or above the last scores 5
 * @param monetaryMinor net spend in minor units, scored like frequency
 */
public record RfmSettings(List<Long> recencyDays, List<Long> frequency, List<Long> monetaryMinor) implements Serializable {

  public RfmSettings {
    check("recency", recencyDays);
    check("frequency", frequency);
    check("monetary", monetaryMinor);
    recencyDays = List.copyOf(recencyDays);
    frequency = List.copyOf(frequency);
    monetaryMinor = List.copyOf(monetaryMinor);
  }

  public static RfmSettings defaults() {
    return new RfmSettings(List.of(7L, 30L, 90L, 180L), List.of(2L, 3L, 5L, 9L), List.of(5_000L, 15_000L, 40_000L, 100_000L));
  }

  private static void check(String what, List<Long> thresholds) {
    if (thresholds.size() != 4) {
      throw new IllegalArgumentException("RFM " + what + " needs 4 ascending thresholds, got " + thresholds);
    }
    for (int i = 1; i < 4; i++) {
      if (thresholds.get(i) <= thresholds.get(i - 1)) {
        throw new IllegalArgumentException("RFM " + what + " thresholds must ascend, got " + thresholds);
      }
    }
  }

  /** 5 for the most recent, 1 for the longest ago. */
  public int recencyScore(long days) {
    int score = 5;
    for (long threshold : recencyDays) {
      if (days > threshold) {
        score--;
      }
    }
    return score;
  }

  public int frequencyScore(long purchaseDays) {
    return ascending(purchaseDays, frequency);
  }

  public int monetaryScore(long spendMinor) {
    return ascending(spendMinor, monetaryMinor);
  }

  private static int ascending(long value, List<Long> thresholds) {
    int score = 1;
    for (long threshold : thresholds) {
      if (value >= threshold) {
        score++;
      }
    }
    return score;
  }
}
