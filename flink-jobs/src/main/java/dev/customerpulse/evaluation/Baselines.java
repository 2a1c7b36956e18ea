package dev.customerpulse.evaluation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** The simple scores a churn model has to beat, from the same cases: recency, frequency, their rank sum. */
public final class Baselines {
  private Baselines() {}

  /** Days since the last purchase: the longer, the likelier no purchase. */
  public static double[] recency(List<HoldoutCase> cases) {
    return cases.stream().mapToDouble(HoldoutCase::recencyDays).toArray();
  }

  /** Minus the distinct purchase days: the fewer, the likelier no purchase. */
  public static double[] frequency(List<HoldoutCase> cases) {
    return cases.stream().mapToDouble(c -> -c.frequency()).toArray();
  }

  /** The rank of recency plus the rank of minus frequency (ties share their mean rank). */
  public static double[] rankSum(List<HoldoutCase> cases) {
    double[] recency = ranks(recency(cases));
    double[] frequency = ranks(frequency(cases));
    double[] sum = new double[recency.length];
    for (int i = 0; i < sum.length; i++) {
      sum[i] = recency[i] + frequency[i];
    }
    return sum;
  }

  /** Ranks from 1, lowest value first; tied values get the mean of the ranks they span. */
  static double[] ranks(double[] values) {
    Integer[] order = new Integer[values.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> values[i]));
    double[] ranks = new double[values.length];
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
        j++;
      }
      double mean = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        ranks[order[k]] = mean;
      }
      i = j + 1;
    }
    return ranks;
  }
}
