package dev.customerpulse.segments;

import dev.customerpulse.state.ValueTier;
import dev.customerpulse.avro.AlertPriority;
import java.io.Serializable;
import java.time.Duration;

/**
 * When a churn alert fires: the risk reaches {@code raiseAt} while no alert is active, and the last
 * alert is at least {@code cooldown} of event time ago. The alert stays active (no new one) until
 * the risk falls below {@code clearBelow}: the gap between the two is the hysteresis that keeps a
 * risk hovering around the threshold from flapping. Pure: the profile operator keeps the state.
 */
public record ChurnAlertPolicy(double raiseAt, double clearBelow, Duration cooldown) implements Serializable {
  public static final long NEVER = Long.MIN_VALUE;

  /** What to do with a customer's alert state at a new risk. */
  public enum Decision {
    /** Publish an alert; the alert is active from now. */
    RAISE,
    /** The active alert ends (nothing is published). */
    CLEAR,
    NONE
  }

  public ChurnAlertPolicy {
    if (!(clearBelow > 0 && clearBelow <= raiseAt && raiseAt <= 1)) {
      throw new IllegalArgumentException("churn alerts need 0 < clear-below <= raise-at <= 1, got clear-below " + clearBelow
          + " and raise-at " + raiseAt);
    }
    if (cooldown.isNegative()) {
      throw new IllegalArgumentException("the churn alert cooldown must not be negative, got " + cooldown);
    }
  }

  public static ChurnAlertPolicy defaults() {
    return new ChurnAlertPolicy(0.7, 0.5, Duration.ofDays(7));
  }

  /**
   * @param active whether an alert is active for the customer
   * @param lastAlertAt event time of the customer's last alert, or {@link #NEVER}
   */
  public Decision decide(boolean active, long lastAlertAt, double risk, long now) {
    if (active) {
      return risk < clearBelow ? Decision.CLEAR : Decision.NONE;
    }
    boolean cooledDown = lastAlertAt == NEVER || now >= lastAlertAt + cooldown.toMillis();
    return risk >= raiseAt && cooledDown ? Decision.RAISE : Decision.NONE;
  }

  /** Higher for more valuable customers: losing a VIP costs most. */
  public static AlertPriority priority(ValueTier tier) {
    return switch (tier) {
      case VIP -> AlertPriority.CRITICAL;
      // A customer expected to become valuable is worth as much attention as one who is.
      case HIGH, POTENTIAL -> AlertPriority.HIGH;
      case NORMAL -> AlertPriority.MEDIUM;
      case NEW -> AlertPriority.LOW;
    };
  }
}
