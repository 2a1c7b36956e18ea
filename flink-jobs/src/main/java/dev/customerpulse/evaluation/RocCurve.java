package dev.customerpulse.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A receiver operating characteristic: how well a score ranks positives above negatives. The area
 * is the Mann-Whitney probability that a random positive outscores a random negative, ties
 * counting half.
 */
public final class RocCurve {
  /** One operating point: the share of negatives and of positives at or above a threshold. */
  public record Point(double threshold, double falsePositiveRate, double truePositiveRate) {}

  private final double area;
  private final List<Point> points;
  private final int positives;
  private final int negatives;

  private RocCurve(double area, List<Point> points, int positives, int negatives) {
    this.area = area;
    this.points = points;
    this.positives = positives;
    this.negatives = negatives;
  }

  public static RocCurve of(double[] scores, boolean[] positive) {
    if (scores.length != positive.length) {
      throw new IllegalArgumentException("one label per score");
    }
    Integer[] order = new Integer[scores.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    int allPositives = 0;
    for (boolean p : positive) {
      allPositives += p ? 1 : 0;
    }
    int allNegatives = scores.length - allPositives;
    if (allPositives == 0 || allNegatives == 0) {
      throw new IllegalArgumentException("a ROC curve needs positives and negatives, got " + allPositives + " and " + allNegatives);
    }
    List<Point> points = new ArrayList<>();
    points.add(new Point(Double.POSITIVE_INFINITY, 0, 0));
    long truePositives = 0;
    long falsePositives = 0;
    double area = 0;
    int i = 0;
    while (i < order.length) {
      // Tied scores move the curve diagonally at once: their trapezoid is the "ties count half".
      double threshold = scores[order[i]];
      long tp = 0;
      long fp = 0;
      while (i < order.length && scores[order[i]] == threshold) {
        if (positive[order[i]]) {
          tp++;
        } else {
          fp++;
        }
        i++;
      }
      area += fp * (truePositives + tp / 2.0);
      truePositives += tp;
      falsePositives += fp;
      points.add(new Point(threshold, (double) falsePositives / allNegatives, (double) truePositives / allPositives));
    }
    return new RocCurve(area / ((double) allPositives * allNegatives), List.copyOf(points), allPositives, allNegatives);
  }

  public double area() {
    return area;
  }

  /** From (0, 0) to (1, 1), one point per distinct score, highest first. */
  public List<Point> points() {
    return points;
  }

  public int positives() {
    return positives;
  }

  public int negatives() {
    return negatives;
  }
}
