package dev.customerpulse.engine;

import dev.customerpulse.features.FeatureSettings;
import dev.customerpulse.privacy.PrivacyPolicy;
import dev.customerpulse.scoring.ProfileScorer;
import dev.customerpulse.segments.ChurnAlertPolicy;
import dev.customerpulse.segments.LifecyclePolicy;
import dev.customerpulse.segments.ValueTierPolicy;
import java.io.Serializable;
import java.time.Duration;

/**
 * What the profile operator needs to know.
 *
 * @param rescoreInterval how often a silent customer is rescored as event time passes
 * @param customerRetention a customer silent this long is forgotten (state, timers, Redis profile)
 * @param anonymousRetention an anonymous visitor silent this long is forgotten
 * @param dedupHorizon how long (processing time) an event id is remembered to drop its duplicates; zero turns it off
 * @param maxCustomersPerAnonymousId an anonymous id linked to more customers than this is a shared device and stays anonymous
 * @param handoffTopic the topic handoffs travel on, named in dead letters of events stuck in a merge loop
 * @param lifecycle the lifecycle stage thresholds
 * @param alerts when churn alerts fire
 * @param privacy what consent allows, and how long erasures leave traces
 * @param history where history ends (its alerts, triggers and segment changes are held back)
 */
public record ProfileLogic(ValueTierPolicy tiers, FeatureSettings features, ProfileScorer scorer,
    Duration rescoreInterval, Duration customerRetention, Duration anonymousRetention, Duration dedupHorizon,
    int maxCustomersPerAnonymousId, String handoffTopic, LifecyclePolicy lifecycle, ChurnAlertPolicy alerts,
    PrivacyPolicy privacy, HistoryMode history) implements Serializable {

  /** Logic without history mode. */
  public ProfileLogic(ValueTierPolicy tiers, FeatureSettings features, ProfileScorer scorer, Duration rescoreInterval,
      Duration customerRetention, Duration anonymousRetention, Duration dedupHorizon, int maxCustomersPerAnonymousId,
      String handoffTopic, LifecyclePolicy lifecycle, ChurnAlertPolicy alerts, PrivacyPolicy privacy) {
    this(tiers, features, scorer, rescoreInterval, customerRetention, anonymousRetention, dedupHorizon,
        maxCustomersPerAnonymousId, handoffTopic, lifecycle, alerts, privacy, HistoryMode.OFF);
  }

  /** This logic with another privacy policy. */
  public ProfileLogic withPrivacy(PrivacyPolicy other) {
    return new ProfileLogic(tiers, features, scorer, rescoreInterval, customerRetention, anonymousRetention, dedupHorizon,
        maxCustomersPerAnonymousId, handoffTopic, lifecycle, alerts, other, history);
  }

  /** This logic with another history mode. */
  public ProfileLogic withHistory(HistoryMode other) {
    return new ProfileLogic(tiers, features, scorer, rescoreInterval, customerRetention, anonymousRetention, dedupHorizon,
        maxCustomersPerAnonymousId, handoffTopic, lifecycle, alerts, privacy, other);
  }
}
