package dev.customerpulse.segments;

import dev.customerpulse.state.RfmSegment;
import dev.customerpulse.state.LifecycleStage;
import dev.customerpulse.features.FeatureUpdater;
import dev.customerpulse.state.CustomerState;
import dev.customerpulse.scoring.RfmSettings;
import java.io.Serializable;

/**
 * A customer's RFM segment and lifecycle stage at an event time, and when either next changes
 * on its own as time passes. Pure: the profile operator stores the results and emits the changes.
 */
public final class CustomerSegments implements Serializable {
  private static final long DAY = FeatureUpdater.DAY;
  private final RfmSettings rfm;
  private final LifecyclePolicy lifecycle;

  public CustomerSegments(RfmSettings rfm, LifecyclePolicy lifecycle) {
    this.rfm = rfm;
    this.lifecycle = lifecycle;
  }

  /**
   * Call before an activity event is applied: a customer dormant or churned at the event's time
   * is won back by it. A late event (before the latest activity) wins nobody back.
   */
  public void beforeActivity(CustomerState s, long eventTime) {
    if (eventTime >= s.lastSeen && lifecycle.stageAt(s.firstSeen, s.lastSeen, s.wonBackAt, eventTime).lapsed()) {
      s.wonBackAt = eventTime;
    }
  }

  public LifecycleStage lifecycleStage(CustomerState s, long now) {
    return lifecycle.stageAt(s.firstSeen, s.lastSeen, s.wonBackAt, now);
  }

  /** The RFM segment at {@code now}, or null before the first purchase. */
  public RfmSegment rfmSegment(CustomerState s, long now) {
    if (!s.purchases.hasPurchases()) {
      return null;
    }
    return RfmSegment.of(rfm.recencyScore(s.purchases.daysSinceLast(now)), rfm.frequencyScore(s.purchases.purchaseDays()),
        rfm.monetaryScore(s.spendMinor));
  }

  public String lifecycleReason(LifecycleStage stage) {
    return lifecycle.reason(stage);
  }

  /** The scores behind the RFM segment, e.g. {@code r=5 f=2 m=3}; empty before the first purchase. */
  public String rfmReason(CustomerState s, long now) {
    if (!s.purchases.hasPurchases()) {
      return "no purchase";
    }
    return "r=" + rfm.recencyScore(s.purchases.daysSinceLast(now)) + " f=" + rfm.frequencyScore(s.purchases.purchaseDays())
        + " m=" + rfm.monetaryScore(s.spendMinor);
  }

  /**
   * The first moment after {@code now} at which the lifecycle stage or the RFM recency score
   * changes with time alone, or {@link CustomerState#NONE}.
   */
  public long nextChange(CustomerState s, long now) {
    long next = lifecycle.nextChange(s.firstSeen, s.lastSeen, s.wonBackAt, now);
    if (s.purchases.hasPurchases()) {
      long recencyDays = s.purchases.daysSinceLast(now);
      for (long threshold : rfm.recencyDays()) {
        if (recencyDays <= threshold) {
          // The score drops on the first day more than `threshold` days after the last purchase day.
          long drop = (s.purchases.lastDay() + threshold + 1) * DAY;
          if (drop > now && (next == CustomerState.NONE || drop < next)) {
            next = drop;
          }
          break;
        }
      }
    }
    return next;
  }
}
