package dev.customerpulse.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How strongly a customer leans to each product category, with older interest fading away
 * (exponential decay with a half-life). Only the strongest {@link #KEPT} categories are kept, so
 * state stays bounded; a new category replaces the weakest when it outweighs it. Scores are kept at
 * float precision, as stored, so that saving and restoring state never changes them.
 */
public final class CategoryAffinity {
  public static final int KEPT = 8;

  private String[] names;
  private double[] scores;
  /** Event time the scores are decayed to. */
  private long asOf;

  public CategoryAffinity() {
    this(new String[0], new double[0], Long.MIN_VALUE);
  }

  /** Restores affinity from its parts (state deserialization). */
  public CategoryAffinity(String[] names, double[] scores, long asOf) {
    this.names = names;
    this.scores = scores;
    this.asOf = asOf;
  }

  /** Adds {@code weight} of interest in {@code category} at event time {@code time}. */
  public void add(String category, double weight, long time, long halfLifeMillis) {
    if (category == null || category.isBlank()) {
      return;
    }
    double decayed = weight;
    if (asOf == Long.MIN_VALUE) {
      asOf = time;
    } else if (time > asOf) {
      decayAll(decay(time - asOf, halfLifeMillis));
      asOf = time;
    } else {
      // A late event adds the interest it would have left by now.
      decayed = weight * decay(asOf - time, halfLifeMillis);
    }
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(category)) {
        scores[i] = (float) (scores[i] + decayed);
        return;
      }
    }
    if (names.length < KEPT) {
      names = Arrays.copyOf(names, names.length + 1);
      scores = Arrays.copyOf(scores, scores.length + 1);
      names[names.length - 1] = category;
      scores[scores.length - 1] = (float) decayed;
      return;
    }
    int weakest = 0;
    for (int i = 1; i < scores.length; i++) {
      if (scores[i] < scores[weakest]) {
        weakest = i;
      }
    }
    if (decayed > scores[weakest]) {
      names[weakest] = category;
      scores[weakest] = (float) decayed;
    }
  }

  /** Adds the interest of {@code other} as it stood at its own time (a customer merge). */
  public void absorb(CategoryAffinity other, long halfLifeMillis) {
    for (int i = 0; i < other.names.length; i++) {
      add(other.names[i], other.scores[i], other.asOf, halfLifeMillis);
    }
  }

  /** The {@code k} strongest categories at {@code time}, strongest first. */
  public List<String> top(int k) {
    Integer[] order = new Integer[names.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // Ties go alphabetically, so the order never depends on insertion history.
    Arrays.sort(order, (x, y) -> scores[y] != scores[x] ? Double.compare(scores[y], scores[x]) : names[x].compareTo(names[y]));
    List<String> top = new ArrayList<>(Math.min(k, order.length));
    for (int i = 0; i < Math.min(k, order.length); i++) {
      top.add(names[order[i]]);
    }
    return top;
  }

  /** The score of a category decayed to {@code time}, 0 if not kept. */
  public double score(String category, long time, long halfLifeMillis) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(category)) {
        return time > asOf ? scores[i] * decay(time - asOf, halfLifeMillis) : scores[i];
      }
    }
    return 0;
  }

  private void decayAll(double factor) {
    for (int i = 0; i < scores.length; i++) {
      scores[i] = (float) (scores[i] * factor);
    }
  }

  private static double decay(long elapsedMillis, long halfLifeMillis) {
    return Math.pow(0.5, (double) elapsedMillis / halfLifeMillis);
  }

  public String[] names() {
    return names;
  }

  public double[] scores() {
    return scores;
  }

  public long asOf() {
    return asOf;
  }

  public CategoryAffinity copy() {
    return new CategoryAffinity(names.clone(), scores.clone(), asOf);
  }
}
