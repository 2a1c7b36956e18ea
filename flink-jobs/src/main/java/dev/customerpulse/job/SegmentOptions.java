package dev.customerpulse.job;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;

/** Value tiers, lifecycle stages and churn alerts. A section of {@link PulseOptions}. */
public interface SegmentOptions {
  /** How buying customers are placed in value tiers. */
  enum TierBasis {
    SPEND, CLV_PERCENTILE;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  ConfigOption<TierBasis> TIER_BASIS = key("pulse.tiers.basis")
      .enumType(TierBasis.class).defaultValue(TierBasis.SPEND)
      .withDescription("spend: value tiers by net spend (pulse.tiers.*-spend-minor). clv-percentile: by lifetime value"
          + " against the CLV percentiles of all buying customers (pulse.tiers.*-percentile), from a quantile sketch the job"
          + " keeps and reads back through the clv-quantiles topic; until the first day's percentiles exist, spend.");

  ConfigOption<Long> TIER_HIGH_SPEND = key("pulse.tiers.high-spend-minor")
      .longType().defaultValue(50_000L)
      .withDescription("Net spend (minor units) from which a customer is in tier 'high' (basis spend). Below it, a buyer"
          + " whose net spend plus expected lifetime value reaches it is 'potential'.");

  ConfigOption<Long> TIER_VIP_SPEND = key("pulse.tiers.vip-spend-minor")
      .longType().defaultValue(200_000L)
      .withDescription("Net spend (minor units) from which a customer is in tier 'vip' (basis spend).");

  ConfigOption<Double> TIER_POTENTIAL_PERCENTILE = key("pulse.tiers.potential-percentile")
      .doubleType().defaultValue(50.0)
      .withDescription("CLV percentile from which a buyer is in tier 'potential' (basis clv-percentile).");

  ConfigOption<Double> TIER_HIGH_PERCENTILE = key("pulse.tiers.high-percentile")
      .doubleType().defaultValue(80.0)
      .withDescription("CLV percentile from which a buyer is in tier 'high' (basis clv-percentile): 80 is the top 20 %.");

  ConfigOption<Double> TIER_VIP_PERCENTILE = key("pulse.tiers.vip-percentile")
      .doubleType().defaultValue(95.0)
      .withDescription("CLV percentile from which a buyer is in tier 'vip' (basis clv-percentile): 95 is the top 5 %.");

  ConfigOption<Integer> TIER_MIN_POPULATION = key("pulse.tiers.min-population")
      .intType().defaultValue(100)
      .withDescription("Fewest buying customers in a day's sketch for its percentiles to be used (basis clv-percentile).");

  ConfigOption<Duration> LIFECYCLE_NEW_PERIOD = key("pulse.lifecycle.new-period")
      .durationType().defaultValue(Duration.ofDays(30))
      .withDescription("A customer is in lifecycle stage new for this long after first seen (while active).");

  ConfigOption<Duration> LIFECYCLE_AT_RISK_AFTER = key("pulse.lifecycle.at-risk-after")
      .durationType().defaultValue(Duration.ofDays(30))
      .withDescription("Event time without any activity after which a customer is at_risk.");

  ConfigOption<Duration> LIFECYCLE_DORMANT_AFTER = key("pulse.lifecycle.dormant-after")
      .durationType().defaultValue(Duration.ofDays(90))
      .withDescription("Event time without any activity after which a customer is dormant.");

  ConfigOption<Duration> LIFECYCLE_CHURNED_AFTER = key("pulse.lifecycle.churned-after")
      .durationType().defaultValue(Duration.ofDays(180))
      .withDescription("Event time without any activity after which a customer is churned.");

  ConfigOption<Duration> LIFECYCLE_WON_BACK_PERIOD = key("pulse.lifecycle.won-back-period")
      .durationType().defaultValue(Duration.ofDays(30))
      .withDescription("A dormant or churned customer who comes back is in stage won_back for this long, then active.");

  ConfigOption<Double> ALERT_CHURN_RAISE_AT = key("pulse.alerts.churn-raise-at")
      .doubleType().defaultValue(0.7)
      .withDescription("A churn alert fires when a customer's churn risk reaches this (and none is active, and the cooldown"
          + " has passed).");

  ConfigOption<Double> ALERT_CHURN_CLEAR_BELOW = key("pulse.alerts.churn-clear-below")
      .doubleType().defaultValue(0.5)
      .withDescription("An active churn alert ends when the risk falls below this; until then no new alert fires"
          + " (hysteresis: a risk hovering around the threshold does not flap).");

  ConfigOption<Duration> ALERT_CHURN_COOLDOWN = key("pulse.alerts.churn-cooldown")
      .durationType().defaultValue(Duration.ofDays(7))
      .withDescription("Least event time between two churn alerts of one customer.");

  ConfigOption<Long> ALERT_STREAM_MAX_LENGTH = key("pulse.alerts.redis-stream-max-length")
      .longType().defaultValue(100_000L)
      .withDescription("About how many churn alerts the Redis stream keeps (older ones are trimmed).");
}
