package dev.customerpulse.learning;

import dev.customerpulse.scoring.ChurnCalibration;
import dev.customerpulse.scoring.ChurnFeature;
import java.util.List;
import java.util.Map;

/**
 * A learned churn model and how it was chosen.
 *
 * @param weights one weight per feature; features that never varied in the training examples weigh 0
 * @param calibration Platt scaling fitted on the validation window
 * @param penalty the L2 penalty that did best on the validation window
 * @param candidates every penalty tried, with its validation figures
 * @param silent the features that never varied in the training examples (not in this history)
 * @param training the training windows, earliest first
 * @param validation the validation window, the latest
 * @param calibratedValidationLogLikelihood mean log-likelihood of the validation labels after calibration
 */
public record ChurnFit(double intercept, Map<ChurnFeature, Double> weights, ChurnCalibration calibration, double penalty,
    List<Candidate> candidates, List<ChurnFeature> silent, List<Window> training, Window validation,
    double calibratedValidationLogLikelihood) {

  /** One penalty's model on the validation window: mean log-likelihood of its labels and ROC AUC. */
  public record Candidate(double penalty, double validationLogLikelihood, double validationAuc) {}

  /**
   * Examples at one cut-off: features as of {@code cutOff}, label "no purchase" over the following days
   * up to {@code end} (both yyyy-MM-dd).
   */
  public record Window(String cutOff, String end, int customers, int churned) {}
}
