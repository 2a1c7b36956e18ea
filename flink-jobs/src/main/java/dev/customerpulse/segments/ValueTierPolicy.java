package dev.customerpulse.segments;

import java.io.Serializable;

/**
 * Value tier from net spend: NEW until the first paid order, then NORMAL, HIGH from
 * {@code highSpendMinor}, VIP from {@code vipSpendMinor} (minor units of the profile currency).
 */
public record ValueTierPolicy(long highSpendMinor, long vipSpendMinor) implements Serializable {

  public ValueTierPolicy {
    if (highSpendMinor <= 0 || vipSpendMinor <= highSpendMinor) {
      throw new IllegalArgumentException("tier thresholds must satisfy 0 < high < vip, got high=" + highSpendMinor
          + " vip=" + vipSpendMinor);
    }
  }

  public ValueTier tierFor(long paidOrders, long spendMinor) {
    if (paidOrders == 0) {
      return ValueTier.NEW;
    }
    if (spendMinor >= vipSpendMinor) {
      return ValueTier.VIP;
    }
    return spendMinor >= highSpendMinor ? ValueTier.HIGH : ValueTier.NORMAL;
  }

  /** Why a customer moved from {@code from} (null: first assignment) to {@code to}. */
  public String reason(ValueTier from, ValueTier to, long spendMinor, String currency) {
    if (from == null && to == ValueTier.NEW) {
      return "first event of a new customer";
    }
    boolean up = from == null || to.ordinal() > from.ordinal();
    if (up) {
      String first = from == null || from == ValueTier.NEW ? "first paid order, " : "";
      if (to == ValueTier.NORMAL) {
        return first + spend(spendMinor, currency);
      }
      return first + spend(spendMinor, currency) + " reached the " + to.label() + " threshold " + money(threshold(to));
    }
    ValueTier crossed = ValueTier.values()[to.ordinal() + 1];
    return spend(spendMinor, currency) + " fell below the " + crossed.label() + " threshold " + money(threshold(crossed));
  }

  private long threshold(ValueTier tier) {
    return tier == ValueTier.VIP ? vipSpendMinor : highSpendMinor;
  }

  private static String spend(long spendMinor, String currency) {
    return "net spend " + money(spendMinor) + (currency == null ? "" : " " + currency);
  }

  static String money(long minor) {
    String sign = minor < 0 ? "-" : "";
    long abs = Math.abs(minor);
    long cents = abs % 100;
    return sign + (abs / 100) + (cents < 10 ? ".0" : ".") + cents;
  }
}
