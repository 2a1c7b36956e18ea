package dev.customerpulse.engine;

import dev.customerpulse.features.FeatureSettings;
import dev.customerpulse.scoring.ChurnModel;
import dev.customerpulse.scoring.ClvModel;
import dev.customerpulse.scoring.ClvSettings;
import dev.customerpulse.scoring.ProfileScorer;
import dev.customerpulse.scoring.RfmSettings;
import dev.customerpulse.segments.ChurnAlertPolicy;
import dev.customerpulse.segments.LifecyclePolicy;
import dev.customerpulse.segments.ValueTierPolicy;
import java.time.Duration;

/** The settings the engine and operator tests run with. */
public final class TestLogic {
  private TestLogic() {}

  /** Tiers at 500.00 and 2,000.00; daily rescoring; customers kept 730 days, visitors 30; ids remembered 7 days. */
  public static final ProfileLogic DEFAULTS = new ProfileLogic(new ValueTierPolicy(50_000, 200_000), FeatureSettings.defaults(),
      new ProfileScorer(RfmSettings.defaults(), new ClvModel(ClvSettings.defaults()), ChurnModel.defaults()),
      Duration.ofDays(1), Duration.ofDays(730), Duration.ofDays(30), Duration.ofDays(7), 3, "customer-handoffs",
      LifecyclePolicy.defaults(), ChurnAlertPolicy.defaults(), dev.customerpulse.privacy.PrivacyPolicy.DEFAULTS);

  /** Short retentions (customers 120 days, visitors 7), so that customers and aliases expire within a test's span. */
  public static final ProfileLogic SHORT_RETENTION = new ProfileLogic(DEFAULTS.tiers(), DEFAULTS.features(), DEFAULTS.scorer(),
      Duration.ofDays(1), Duration.ofDays(120), Duration.ofDays(7), Duration.ofDays(7), 3, "customer-handoffs",
      DEFAULTS.lifecycle(), DEFAULTS.alerts(), dev.customerpulse.privacy.PrivacyPolicy.DEFAULTS);

  /** As DEFAULTS, with value tiers by CLV percentile: potential from the 50th, high the 80th, vip the 95th. */
  public static final ProfileLogic BY_CLV_PERCENTILE = new ProfileLogic(
      new ValueTierPolicy(ValueTierPolicy.Basis.CLV_PERCENTILE, 50_000, 200_000, 50, 80, 95), DEFAULTS.features(),
      DEFAULTS.scorer(), DEFAULTS.rescoreInterval(), DEFAULTS.customerRetention(), DEFAULTS.anonymousRetention(),
      DEFAULTS.dedupHorizon(), DEFAULTS.maxCustomersPerAnonymousId(), DEFAULTS.handoffTopic(), DEFAULTS.lifecycle(),
      DEFAULTS.alerts(), dev.customerpulse.privacy.PrivacyPolicy.DEFAULTS);
}
