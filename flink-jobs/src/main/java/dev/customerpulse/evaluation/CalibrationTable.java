package dev.customerpulse.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Predicted against observed: customers sorted by score and cut into groups of (nearly) equal
 * size; a calibrated score's mean in each group matches the group's observed rate.
 */
public final class CalibrationTable {
  /** One group: its score range, size, mean score and observed rate of positives. */
  public record Row(double lowest, double highest, int customers, double meanScore, double observedRate) {}

  private CalibrationTable() {}

  public static List<Row> of(double[] scores, boolean[] positive, int groups) {
    if (groups < 1 || scores.length < groups) {
      throw new IllegalArgumentException("need at least one customer per group: " + scores.length + " customers, " + groups + " groups");
    }
    Integer[] order = new Integer[scores.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]));
    List<Row> rows = new ArrayList<>(groups);
    for (int g = 0; g < groups; g++) {
      int from = (int) ((long) g * scores.length / groups);
      int to = (int) ((long) (g + 1) * scores.length / groups);
      double sum = 0;
      int positives = 0;
      for (int k = from; k < to; k++) {
        sum += scores[order[k]];
        positives += positive[order[k]] ? 1 : 0;
      }
      int n = to - from;
      rows.add(new Row(scores[order[from]], scores[order[to - 1]], n, sum / n, (double) positives / n));
    }
    return rows;
  }
}
