package dev.customerpulse.profile;

import dev.customerpulse.state.CustomerState;
import dev.customerpulse.avro.ChurnAlert;
import dev.customerpulse.avro.RiskReason;
import dev.customerpulse.scoring.ChurnModel;
import dev.customerpulse.scoring.Scores;
import dev.customerpulse.segments.ChurnAlertPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds the ChurnAlert record of a customer whose risk crossed the alert threshold. */
final class ChurnAlerts {
  /** Reasons an alert carries: the largest positive contributions. */
  static final int REASONS = 3;

  private ChurnAlerts() {}

  static ChurnAlert of(String customerId, CustomerState customer, Scores scores, double threshold) {
    List<RiskReason> reasons = new ArrayList<>(REASONS);
    for (ChurnModel.Contribution c : scores.churn.contributions()) {
      if (reasons.size() == REASONS || c.contribution() <= 0) {
        break;
      }
      reasons.add(new RiskReason(c.feature().key(), c.value(), c.contribution()));
    }
    return new ChurnAlert(customerId + "/" + customer.version, customerId, Instant.ofEpochMilli(customer.scoredAt),
        scores.churnRisk, threshold, ChurnAlertPolicy.priority(customer.tier), customer.tier.label(), reasons,
        scores.modelVersion);
  }
}
