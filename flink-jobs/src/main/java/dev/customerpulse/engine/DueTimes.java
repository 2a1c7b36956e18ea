package dev.customerpulse.engine;

import dev.customerpulse.state.CustomerState;
import dev.customerpulse.features.FeatureUpdater;
import dev.customerpulse.state.CustomerDates;
import dev.customerpulse.segments.CustomerSegments;
import java.io.Serializable;

/**
 * When something next falls due for a customer as event time passes: rescoring, a lifecycle or RFM
 * recency change, a birthday or anniversary, cart abandonment, expiry. Pure: the profile operator
 * keeps one event-time timer per customer at this moment.
 *
 * <p>Every answer lies after {@code checkedUntil}, the moment up to which the caller has already
 * looked at the customer (scored them, moved their segments, expired their cart), with one
 * exception: a birthday or anniversary on a later day than the timer that looked, whose trigger
 * that timer could not emit. A timer must never come back for a moment it has already handled: at
 * or behind the watermark Flink fires it again at once, and the subtask spins.
 */
public final class DueTimes implements Serializable {
  private final long rescoreMillis;
  private final long customerRetentionMillis;
  private final long anonymousRetentionMillis;
  private final CustomerSegments segments;
  private final FeatureUpdater updater;

  public DueTimes(ProfileLogic logic, CustomerSegments segments, FeatureUpdater updater) {
    this.rescoreMillis = logic.rescoreInterval().toMillis();
    this.customerRetentionMillis = logic.customerRetention().toMillis();
    this.anonymousRetentionMillis = logic.anonymousRetention().toMillis();
    this.segments = segments;
    this.updater = updater;
  }

  /** The earliest moment after {@code checkedUntil} at which something is due for this customer. */
  public long next(CustomerState customer, boolean anonymous, long checkedUntil) {
    long due = customer.lastSeen + retention(anonymous);
    if (customer.aliasOf != null) {
      return due;
    }
    if (!anonymous) {
      due = Math.min(due, customer.scoredAt + rescoreMillis);
      long from = Math.max(customer.scoredAt, checkedUntil);
      long change = segments.nextChange(customer, from);
      if (change != CustomerState.NONE) {
        due = Math.min(due, change);
      }
      due = Math.min(due, nextDate(customer, from));
    }
    long cart = updater.cartDeadline(customer);
    if (cart != CustomerState.NONE) {
      due = Math.min(due, cart);
    }
    return due;
  }

  /** How long a silent customer (or anonymous visitor) is kept. */
  public long retention(boolean anonymous) {
    return anonymous ? anonymousRetentionMillis : customerRetentionMillis;
  }

  /**
   * Start of the next birthday or anniversary not yet triggered, on or after the day of {@code from}
   * (at least the last scoring), or Long.MAX_VALUE.
   */
  static long nextDate(CustomerState customer, long from) {
    long next = Long.MAX_VALUE;
    if (customer.birthMonthDay != 0) {
      next = CustomerDates.nextBirthday(customer.birthMonthDay, Math.max(from, customer.lastBirthdayTrigger + FeatureUpdater.DAY));
    }
    long anniversary = CustomerDates.nextAnniversary(anniversaryBase(customer),
        Math.max(from, customer.lastAnniversaryTrigger + FeatureUpdater.DAY));
    return Math.min(next, anniversary);
  }

  /** Anniversaries count from the sign-up the identity system reported, else from the first activity. */
  static long anniversaryBase(CustomerState customer) {
    return customer.signedUpAt != CustomerState.NONE ? customer.signedUpAt : customer.firstSeen;
  }
}
