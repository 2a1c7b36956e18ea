package dev.customerpulse.segments;

import dev.customerpulse.state.LifecycleStage;
import java.io.Serializable;
import java.time.Duration;

/**
 * Lifecycle stages by time since the customer's last activity (any event): at risk after
 * {@code atRiskAfter}, dormant after {@code dormantAfter}, churned after {@code churnedAfter}.
 * Before that a customer is new for {@code newPeriod} after first seen, else active; one who
 * comes back from dormant or churned is won back for {@code wonBackPeriod}. Pure: no Flink types.
 */
public record LifecyclePolicy(Duration newPeriod, Duration atRiskAfter, Duration dormantAfter, Duration churnedAfter,
    Duration wonBackPeriod) implements Serializable {
  public static final long NONE = Long.MIN_VALUE;

  public LifecyclePolicy {
    if (!(atRiskAfter.compareTo(dormantAfter) < 0 && dormantAfter.compareTo(churnedAfter) < 0)) {
      throw new IllegalArgumentException("lifecycle thresholds must ascend: at-risk " + atRiskAfter + " < dormant " + dormantAfter
          + " < churned " + churnedAfter);
    }
    if (newPeriod.isNegative() || newPeriod.isZero() || wonBackPeriod.isNegative() || wonBackPeriod.isZero()) {
      throw new IllegalArgumentException("lifecycle new and won-back periods must be more than zero");
    }
  }

  public static LifecyclePolicy defaults() {
    return new LifecyclePolicy(Duration.ofDays(30), Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(180),
        Duration.ofDays(30));
  }

  /**
   * The stage at event time {@code now}.
   *
   * @param wonBackAt when the customer last came back from dormant or churned, or {@link #NONE}
   */
  public LifecycleStage stageAt(long firstSeen, long lastSeen, long wonBackAt, long now) {
    long inactive = now - lastSeen;
    if (inactive >= churnedAfter.toMillis()) {
      return LifecycleStage.CHURNED;
    }
    if (inactive >= dormantAfter.toMillis()) {
      return LifecycleStage.DORMANT;
    }
    if (inactive >= atRiskAfter.toMillis()) {
      return LifecycleStage.AT_RISK;
    }
    if (wonBackAt != NONE && now < wonBackAt + wonBackPeriod.toMillis()) {
      return LifecycleStage.WON_BACK;
    }
    return now < firstSeen + newPeriod.toMillis() ? LifecycleStage.NEW : LifecycleStage.ACTIVE;
  }

  /** Why a customer is in a stage, for SegmentChange records. */
  public String reason(LifecycleStage stage) {
    return switch (stage) {
      case NEW -> "first seen less than " + days(newPeriod) + " ago";
      case ACTIVE -> "active within " + days(atRiskAfter);
      case AT_RISK -> "no activity for " + days(atRiskAfter);
      case DORMANT -> "no activity for " + days(dormantAfter);
      case CHURNED -> "no activity for " + days(churnedAfter);
      case WON_BACK -> "came back after being dormant or churned";
    };
  }

  private static String days(Duration d) {
    return d.toHours() % 24 == 0 ? d.toDays() + " days" : d.toHours() + " hours";
  }

  /** The first moment after {@code now} at which the stage can change without an event, or {@link #NONE}. */
  public long nextChange(long firstSeen, long lastSeen, long wonBackAt, long now) {
    long next = Long.MAX_VALUE;
    for (long t : new long[] {firstSeen + newPeriod.toMillis(), lastSeen + atRiskAfter.toMillis(),
        lastSeen + dormantAfter.toMillis(), lastSeen + churnedAfter.toMillis(),
        wonBackAt == NONE ? NONE : wonBackAt + wonBackPeriod.toMillis()}) {
      if (t != NONE && t > now && t < next) {
        next = t;
      }
    }
    return next == Long.MAX_VALUE ? NONE : next;
  }
}
