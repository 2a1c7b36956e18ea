package dev.customerpulse.learning;

import dev.customerpulse.engine.ProfileLogic;
import dev.customerpulse.evaluation.HoldoutCase;
import dev.customerpulse.evaluation.HoldoutReplay;
import dev.customerpulse.evaluation.RocCurve;
import dev.customerpulse.scoring.ChurnCalibration;
import dev.customerpulse.scoring.ChurnFeature;
import dev.customerpulse.scoring.fit.Transaction;
import dev.customerpulse.state.PurchaseHistory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Learns the churn model's weights from an order history, out of time. The history is replayed through
 * the job's own feature code ({@link HoldoutReplay}) to several cut-offs; at each, every customer who
 * has bought is an example with the churn features as of the cut-off and the label "no purchase in the
 * following window". The latest window, which ends on the last day the history may be used, validates;
 * the earlier ones, each a step apart, train. For each penalty an L2-regularised logistic model is fitted
 * on the training windows; the one with the best validation log-likelihood is kept, and a Platt
 * calibration of its logit is fitted on the validation window.
 */
public final class ChurnFitter {
  /** The L2 penalties tried, weakest first. */
  public static final double[] PENALTIES = {0.01, 0.1, 1, 10, 100, 1000};
  private static final long DAY = PurchaseHistory.DAY_MILLIS;
  private static final ChurnFeature[] FEATURES = ChurnFeature.values();

  private ChurnFitter() {}

  /**
   * @param lastDay the last day whose purchases may be used (the end of the validation window)
   * @param windowDays the length of each label window
   * @param trainingWindows how many training windows, each {@code stepDays} before the next
   */
  public static ChurnFit fit(List<Transaction> purchases, ProfileLogic logic, long lastDay, int windowDays,
      int trainingWindows, int stepDays) {
    if (windowDays < 1 || trainingWindows < 1 || stepDays < 1) {
      throw new IllegalArgumentException("the window, the number of training windows and the step must all be at least 1");
    }
    long validationCutOff = lastDay - windowDays;
    List<HoldoutCase> validation = examples(purchases, logic, validationCutOff, windowDays);
    List<HoldoutCase> training = new ArrayList<>();
    List<ChurnFit.Window> trainingWindowList = new ArrayList<>();
    for (int k = trainingWindows; k >= 1; k--) {
      long cutOff = validationCutOff - (long) k * stepDays;
      List<HoldoutCase> cases = examples(purchases, logic, cutOff, windowDays);
      if (!cases.isEmpty()) {
        training.addAll(cases);
        trainingWindowList.add(window(cutOff, windowDays, cases));
      }
    }
    requireBothLabels(training, "the training windows (cut-offs before " + day(validationCutOff) + ")");
    requireBothLabels(validation, "the validation window (cut-off " + day(validationCutOff) + ")");

    boolean[] varies = new boolean[FEATURES.length];
    List<ChurnFeature> used = new ArrayList<>();
    List<ChurnFeature> silent = new ArrayList<>();
    for (ChurnFeature f : FEATURES) {
      double first = training.get(0).churnFeatures()[f.ordinal()];
      varies[f.ordinal()] = training.stream().anyMatch(c -> c.churnFeatures()[f.ordinal()] != first);
      (varies[f.ordinal()] ? used : silent).add(f);
    }
    if (used.isEmpty()) {
      throw new IllegalArgumentException("no churn feature varies between customers in the training windows");
    }
    double[][] trainRows = rows(training, used);
    boolean[] trainLabels = labels(training);
    double[][] validationRows = rows(validation, used);
    boolean[] validationLabels = labels(validation);

    List<ChurnFit.Candidate> candidates = new ArrayList<>();
    LogisticRegression.Fit best = null;
    double bestPenalty = Double.NaN;
    double bestLikelihood = Double.NEGATIVE_INFINITY;
    for (double penalty : PENALTIES) {
      LogisticRegression.Fit fit = LogisticRegression.fit(trainRows, trainLabels, penalty);
      double[] p = new double[validationRows.length];
      for (int i = 0; i < p.length; i++) {
        p[i] = fit.probability(validationRows[i]);
      }
      double likelihood = LogisticRegression.meanLogLikelihood(p, validationLabels);
      candidates.add(new ChurnFit.Candidate(penalty, likelihood, RocCurve.of(p, validationLabels).area()));
      if (likelihood > bestLikelihood) {
        best = fit;
        bestPenalty = penalty;
        bestLikelihood = likelihood;
      }
    }

    double[][] logits = new double[validationRows.length][1];
    for (int i = 0; i < logits.length; i++) {
      logits[i][0] = best.logit(validationRows[i]);
    }
    LogisticRegression.Fit platt = LogisticRegression.fit(logits, validationLabels, 0);
    if (!(platt.weights()[0] > 0)) {
      throw new IllegalArgumentException("the model ranks the validation window the wrong way round (Platt slope "
          + platt.weights()[0] + "); the history may be too short or too uneven for these windows");
    }
    ChurnCalibration calibration = new ChurnCalibration(platt.weights()[0], platt.intercept());
    double[] calibrated = new double[logits.length];
    for (int i = 0; i < calibrated.length; i++) {
      calibrated[i] = LogisticRegression.sigmoid(calibration.apply(logits[i][0]));
    }
    Map<ChurnFeature, Double> weights = new EnumMap<>(ChurnFeature.class);
    for (ChurnFeature f : FEATURES) {
      int column = used.indexOf(f);
      weights.put(f, column < 0 ? 0.0 : best.weights()[column]);
    }
    return new ChurnFit(best.intercept(), weights, calibration, bestPenalty, candidates, silent, trainingWindowList,
        window(validationCutOff, windowDays, validation), LogisticRegression.meanLogLikelihood(calibrated, validationLabels));
  }

  private static List<HoldoutCase> examples(List<Transaction> purchases, ProfileLogic logic, long cutOffDay, int windowDays) {
    return HoldoutReplay.run(purchases, cutOffDay * DAY, (cutOffDay + windowDays) * DAY, logic);
  }

  private static ChurnFit.Window window(long cutOffDay, int windowDays, List<HoldoutCase> cases) {
    return new ChurnFit.Window(day(cutOffDay), day(cutOffDay + windowDays), cases.size(),
        (int) cases.stream().filter(HoldoutCase::churned).count());
  }

  private static void requireBothLabels(List<HoldoutCase> cases, String what) {
    long churned = cases.stream().filter(HoldoutCase::churned).count();
    if (churned == 0 || churned == cases.size()) {
      throw new IllegalArgumentException(what + " need customers who bought again and customers who did not; got "
          + cases.size() + " customers, " + churned + " without a purchase (use a longer history, an earlier --until or"
          + " a shorter --window)");
    }
  }

  private static double[][] rows(List<HoldoutCase> cases, List<ChurnFeature> used) {
    double[][] rows = new double[cases.size()][used.size()];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < used.size(); j++) {
        rows[i][j] = cases.get(i).churnFeatures()[used.get(j).ordinal()];
      }
    }
    return rows;
  }

  private static boolean[] labels(List<HoldoutCase> cases) {
    boolean[] labels = new boolean[cases.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = cases.get(i).churned();
    }
    return labels;
  }

  private static String day(long epochDay) {
    return LocalDate.ofEpochDay(epochDay).toString();
  }
}
