package dev.customerpulse.job;

import static org.apache.flink.configuration.ConfigOptions.key;

import org.apache.flink.configuration.ConfigOption;

/** History mode, for starting from years of imported orders. A section of {@link PulseOptions}. */
public interface HistoryOptions {
  ConfigOption<String> HISTORY_UNTIL = key("pulse.history.until")
      .stringType().noDefaultValue()
      .withDescription("Event time where history ends (an ISO-8601 instant or date, e.g. 2026-12-08). Events and timers"
          + " before it build state, features, scores, segments and Redis profiles as usual, but their churn alerts, date"
          + " triggers and segment changes are counted (pulse_historyChurnAlerts, ...), not sent; a customer's first live"
          + " evaluation that publishes announces their memberships once. Unset: no history mode (see docs/history.md).");
}
