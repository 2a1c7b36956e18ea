package dev.customerpulse.evaluation;

/**
 * One customer of an evaluation: their scores and features at the end of the calibration period and
 * what they did in the holdout period.
 *
 * @param churnRisk the churn model's risk at the cut-off
 * @param probabilityDead 1 - P(alive) at the cut-off
 * @param expectedHoldoutPurchases the purchase-count model's expected purchase days over the holdout period
 * @param holdoutPurchases purchase days actually seen in the holdout period
 * @param recencyDays days since the last purchase at the cut-off
 * @param frequency distinct purchase days by the cut-off
 * @param churnFeatures the churn model's feature values at the cut-off, by {@code ChurnFeature.ordinal()}
 */
public record HoldoutCase(String customerId, double churnRisk, double probabilityDead, double expectedHoldoutPurchases,
    int holdoutPurchases, long recencyDays, long frequency, double[] churnFeatures) {

  /** The label the scores are judged against: no purchase in the holdout period. */
  public boolean churned() {
    return holdoutPurchases == 0;
  }
}
