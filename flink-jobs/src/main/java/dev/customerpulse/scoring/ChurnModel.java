package dev.customerpulse.scoring;

import dev.customerpulse.connectors.redis.FieldValues;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Logistic churn risk: risk = 1 / (1 + e^-z') with z' = slope * (intercept + sum of weight * feature)
 * + offset, where slope and offset are the model's {@link ChurnCalibration}. Each feature's
 * contribution to z' (slope * weight * feature) is exact, so the reasons given are the model's own
 * arithmetic.
 */
public final class ChurnModel implements Serializable {
  public static final java.time.Duration DEFAULT_QUIET_HORIZON = java.time.Duration.ofDays(90);

  private final double intercept;
  private final double[] weights = new double[ChurnFeature.values().length];
  private final java.time.Duration quietHorizon;
  private final ChurnCalibration calibration;

  public ChurnModel(double intercept, Map<ChurnFeature, Double> weights) {
    this(intercept, weights, DEFAULT_QUIET_HORIZON);
  }

  /** @param quietHorizon the horizon of {@link ChurnFeature#QUIET} */
  public ChurnModel(double intercept, Map<ChurnFeature, Double> weights, java.time.Duration quietHorizon) {
    this(intercept, weights, quietHorizon, ChurnCalibration.NONE);
  }

  public ChurnModel(double intercept, Map<ChurnFeature, Double> weights, java.time.Duration quietHorizon,
      ChurnCalibration calibration) {
    this.intercept = intercept;
    weights.forEach((feature, weight) -> this.weights[feature.ordinal()] = weight);
    this.quietHorizon = quietHorizon;
    this.calibration = calibration;
  }

  public ChurnCalibration calibration() {
    return calibration;
  }

  public java.time.Duration quietHorizon() {
    return quietHorizon;
  }

  /**
   * Weights chosen by hand, checked with {@code pulse evaluate} on CDNOW (see docs/features.md), to rank sensibly
   * before they are tuned on your data. The same as the default of pulse.churn.weights.
   */
  public static ChurnModel defaults() {
    Map<ChurnFeature, Double> w = new EnumMap<>(ChurnFeature.class);
    w.put(ChurnFeature.QUIET, 4.0);
    w.put(ChurnFeature.INACTIVITY, 1.0);
    w.put(ChurnFeature.P_DEAD, 0.25);
    w.put(ChurnFeature.ENGAGEMENT_DROP, 0.5);
    w.put(ChurnFeature.COMPLAINTS, 1.0);
    w.put(ChurnFeature.UNRESOLVED, 1.0);
    w.put(ChurnFeature.LOW_SATISFACTION, 1.0);
    w.put(ChurnFeature.DETRACTOR, 0.8);
    w.put(ChurnFeature.ABANDONED_CARTS, 0.5);
    w.put(ChurnFeature.REFUND_RATE, 0.8);
    return new ChurnModel(-3.0, w);
  }

  public double intercept() {
    return intercept;
  }

  public double weight(ChurnFeature feature) {
    return weights[feature.ordinal()];
  }

  /** One feature's part in a score. */
  public record Contribution(ChurnFeature feature, double value, double contribution) {}

  /**
   * A churn score.
   *
   * @param risk churn risk in [0, 1]
   * @param logit the calibrated linear part z'
   * @param values the features' values, by {@link ChurnFeature#ordinal()}
   * @param parts each feature's contribution to z', by ordinal
   */
  public record Score(double risk, double logit, double[] values, double[] parts) {

    /** Every contribution, largest first (ties in feature order). */
    public List<Contribution> contributions() {
      List<Contribution> all = new ArrayList<>(parts.length);
      for (ChurnFeature feature : FEATURES) {
        all.add(new Contribution(feature, values[feature.ordinal()], parts[feature.ordinal()]));
      }
      all.sort(Comparator.comparingDouble(Contribution::contribution).reversed().thenComparing(c -> c.feature().ordinal()));
      return all;
    }

    /** The {@code n} largest positive contributions as {@code feature:+0.123}, joined by commas. */
    public String reasons(int n) {
      StringBuilder out = new StringBuilder(64);
      boolean[] used = new boolean[parts.length];
      for (int written = 0; written < n; written++) {
        int best = -1;
        for (int i = 0; i < parts.length; i++) {
          if (!used[i] && parts[i] > 0 && (best < 0 || parts[i] > parts[best])) {
            best = i;
          }
        }
        if (best < 0) {
          break;
        }
        used[best] = true;
        if (written > 0) {
          out.append(',');
        }
        out.append(FEATURES[best].key()).append(":+").append(FieldValues.decimal(Math.round(parts[best] * 1000), 3));
      }
      return out.toString();
    }
  }

  private static final ChurnFeature[] FEATURES = ChurnFeature.values();

  /** Scores feature values indexed by {@link ChurnFeature#ordinal()}. */
  public Score score(double[] values) {
    double slope = calibration.slope();
    double z = calibration.apply(intercept);
    double[] parts = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      parts[i] = slope * weights[i] * values[i];
      z += parts[i];
    }
    return new Score(1 / (1 + Math.exp(-z)), z, values, parts);
  }
}
