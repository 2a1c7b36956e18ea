package dev.customerpulse.profile;

import dev.customerpulse.avro.ChurnAlert;
import dev.customerpulse.avro.RiskReason;
import dev.customerpulse.connectors.redis.RedisStreamMapper;
import java.util.List;
import java.util.Locale;

/**
 * A churn alert as an entry of the Redis alert stream (key contract v1): the ChurnAlert record's
 * fields as strings, the reasons as {@code feature:+0.123} joined by commas. Entries are owned by
 * their customer, whose erasure purges them.
 */
public final class ChurnAlertStreamMapper implements RedisStreamMapper<AlertStreamEntry> {
  @Override
  public String owner(AlertStreamEntry entry) {
    return entry.alert == null ? entry.purgeCustomer : entry.alert.getCustomerId();
  }

  @Override
  public boolean purge(AlertStreamEntry entry) {
    return entry.alert == null;
  }

  @Override
  public String id(AlertStreamEntry entry) {
    return entry.alert.getAlertId();
  }

  @Override
  public long eventTimeMillis(AlertStreamEntry entry) {
    return entry.alert.getEventTime().toEpochMilli();
  }

  @Override
  public List<String> fields(AlertStreamEntry entry) {
    ChurnAlert alert = entry.alert;
    StringBuilder reasons = new StringBuilder();
    for (RiskReason reason : alert.getReasons()) {
      if (reasons.length() > 0) {
        reasons.append(',');
      }
      reasons.append(reason.getFeature()).append(String.format(Locale.ROOT, ":%+.3f", reason.getContribution()));
    }
    return List.of("alert_id", alert.getAlertId(), "customer_id", alert.getCustomerId(),
        "event_time", Long.toString(alert.getEventTime().toEpochMilli()), "churn_risk", String.format(Locale.ROOT, "%.4f", alert.getChurnRisk()),
        "threshold", String.format(Locale.ROOT, "%.4f", alert.getThreshold()), "priority", alert.getPriority().name(),
        "value_tier", alert.getValueTier(), "reasons", reasons.toString(), "model_version", alert.getModelVersion());
  }
}
