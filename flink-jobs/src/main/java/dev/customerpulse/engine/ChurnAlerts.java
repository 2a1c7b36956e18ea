package dev.customerpulse.engine;

import dev.customerpulse.state.CustomerState;
import dev.customerpulse.avro.ChurnAlert;
import dev.customerpulse.avro.RiskReason;
import dev.customerpulse.scoring.ChurnModel;
import dev.customerpulse.scoring.Scores;
import dev.customerpulse.segments.ChurnAlertPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Raises and clears churn alerts, and builds the ChurnAlert record of a customer whose risk crossed the threshold. */
final class ChurnAlerts {
  /** Reasons an alert carries: the largest positive contributions. */
  static final int REASONS = 3;

  private ChurnAlerts() {}

  /**
   * Raises or clears the customer's churn alert on their {@code scores} (at {@code customer.scoredAt}).
   * A raised alert is emitted only when the customer's consents allow the purpose churn alerts need;
   * without it the alert is raised all the same (no new one until it clears), just not sent.
   */
  static void decide(ChurnAlertPolicy alerts, ConsentDecisions consent, String key, CustomerState customer, Scores scores,
      Effects effects) {
    switch (alerts.decide(customer.churnAlertActive, customer.lastChurnAlertAt, scores.churnRisk, customer.scoredAt)) {
      case RAISE -> {
        customer.churnAlertActive = true;
        customer.lastChurnAlertAt = customer.scoredAt;
        String purpose = consent.policy().churnAlertsPurpose();
        if (consent.allows(customer, purpose)) {
          effects.churnAlerts.add(of(key, customer, scores, alerts.raiseAt(), consent.policy().label(purpose)));
          effects.count(EngineMetric.CHURN_ALERTS);
        }
      }
      case CLEAR -> customer.churnAlertActive = false;
      case NONE -> { }
    }
  }

  /** The alert record; {@code purpose} is the consent purpose it needs ("" when consent is not enforced). */
  static ChurnAlert of(String customerId, CustomerState customer, Scores scores, double threshold, String purpose) {
    List<RiskReason> reasons = new ArrayList<>(REASONS);
    for (ChurnModel.Contribution c : scores.churn.contributions()) {
      if (reasons.size() == REASONS || c.contribution() <= 0) {
        break;
      }
      reasons.add(new RiskReason(c.feature().key(), c.value(), c.contribution()));
    }
    return new ChurnAlert(customerId + "/" + customer.version, customerId, Instant.ofEpochMilli(customer.scoredAt),
        scores.churnRisk, threshold, ChurnAlertPolicy.priority(customer.tier), customer.tier.label(), reasons,
        scores.modelVersion, purpose);
  }
}
