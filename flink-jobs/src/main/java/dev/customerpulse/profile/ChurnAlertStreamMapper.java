package dev.customerpulse.profile;

import dev.customerpulse.avro.ChurnAlert;
import dev.customerpulse.avro.RiskReason;
import dev.customerpulse.connectors.redis.RedisStreamMapper;
import java.util.List;
import java.util.Locale;

/**
 * A churn alert as an entry of the Redis alert stream (key contract v1): the ChurnAlert record's
 * fields as strings, the reasons as {@code feature:+0.123} joined by commas.
 */
public final class ChurnAlertStreamMapper implements RedisStreamMapper<ChurnAlert> {
  @Override
  public String id(ChurnAlert alert) {
    return alert.getAlertId();
  }

  @Override
  public long eventTimeMillis(ChurnAlert alert) {
    return alert.getEventTime().toEpochMilli();
  }

  @Override
  public List<String> fields(ChurnAlert alert) {
    StringBuilder reasons = new StringBuilder();
    for (RiskReason reason : alert.getReasons()) {
      if (reasons.length() > 0) {
        reasons.append(',');
      }
      reasons.append(reason.getFeature()).append(String.format(Locale.ROOT, ":%+.3f", reason.getContribution()));
    }
    return List.of("alert_id", alert.getAlertId(), "customer_id", alert.getCustomerId(),
        "event_time", Long.toString(eventTimeMillis(alert)), "churn_risk", String.format(Locale.ROOT, "%.4f", alert.getChurnRisk()),
        "threshold", String.format(Locale.ROOT, "%.4f", alert.getThreshold()), "priority", alert.getPriority().name(),
        "value_tier", alert.getValueTier(), "reasons", reasons.toString(), "model_version", alert.getModelVersion());
  }
}
