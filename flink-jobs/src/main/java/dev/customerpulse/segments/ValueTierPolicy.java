package dev.customerpulse.segments;

import dev.customerpulse.state.ValueTier;
import java.io.Serializable;
import java.util.Locale;

/**
 * Value tier of a customer. NEW until the first paid order. Then, on the {@link Basis#SPEND} basis,
 * VIP from {@code vipSpendMinor} of net spend, HIGH from {@code highSpendMinor}, POTENTIAL below that
 * when net spend plus the expected lifetime value over the CLV horizon reaches the high threshold,
 * else NORMAL. On the {@link Basis#CLV_PERCENTILE} basis the customer's lifetime value is compared
 * with the CLV percentiles of all buying customers ({@link ClvCuts}): VIP from {@code vipPercentile},
 * HIGH from {@code highPercentile}, POTENTIAL from {@code potentialPercentile}, else NORMAL; until
 * the first percentiles are known, the spend basis applies.
 */
public record ValueTierPolicy(Basis basis, long highSpendMinor, long vipSpendMinor, double potentialPercentile,
    double highPercentile, double vipPercentile) implements Serializable {

  public enum Basis { SPEND, CLV_PERCENTILE }

  public ValueTierPolicy {
    if (highSpendMinor <= 0 || vipSpendMinor <= highSpendMinor) {
      throw new IllegalArgumentException("tier thresholds must satisfy 0 < high < vip, got high=" + highSpendMinor
          + " vip=" + vipSpendMinor);
    }
    if (!(0 < potentialPercentile && potentialPercentile < highPercentile && highPercentile < vipPercentile
        && vipPercentile < 100)) {
      throw new IllegalArgumentException("tier percentiles must satisfy 0 < potential < high < vip < 100, got potential="
          + potentialPercentile + " high=" + highPercentile + " vip=" + vipPercentile);
    }
  }

  /** Tiers by net spend, with the default percentiles (50, 80, 95) unused. */
  public ValueTierPolicy(long highSpendMinor, long vipSpendMinor) {
    this(Basis.SPEND, highSpendMinor, vipSpendMinor, 50, 80, 95);
  }

  /**
   * @param clvMinor expected lifetime value over the CLV horizon, NaN when not computed
   * @param cuts the population's CLV percentiles, null while not known
   */
  public ValueTier tierFor(long paidOrders, long spendMinor, double clvMinor, ClvCuts cuts) {
    if (paidOrders == 0) {
      return ValueTier.NEW;
    }
    if (byPercentile(clvMinor, cuts)) {
      return clvMinor >= cuts.vipMinor ? ValueTier.VIP : clvMinor >= cuts.highMinor ? ValueTier.HIGH
          : clvMinor >= cuts.potentialMinor ? ValueTier.POTENTIAL : ValueTier.NORMAL;
    }
    if (spendMinor >= vipSpendMinor) {
      return ValueTier.VIP;
    }
    if (spendMinor >= highSpendMinor) {
      return ValueTier.HIGH;
    }
    return !Double.isNaN(clvMinor) && spendMinor + clvMinor >= highSpendMinor ? ValueTier.POTENTIAL : ValueTier.NORMAL;
  }

  private boolean byPercentile(double clvMinor, ClvCuts cuts) {
    return basis == Basis.CLV_PERCENTILE && cuts != null && !Double.isNaN(clvMinor);
  }

  /** Why a customer moved from {@code from} (null: first assignment) to {@code to}. */
  public String reason(ValueTier from, ValueTier to, long spendMinor, double clvMinor, String currency, ClvCuts cuts) {
    if (from == null && to == ValueTier.NEW) {
      return "first event of a new customer";
    }
    String first = from == null || from == ValueTier.NEW ? "first paid order, " : "";
    if (to == ValueTier.NEW) {
      return "no paid order left";
    }
    if (byPercentile(clvMinor, cuts)) {
      String where = switch (to) {
        case VIP -> "at or above the " + pct(cuts.vipPercentile) + " percentile " + money(cuts.vipMinor);
        case HIGH -> "at or above the " + pct(cuts.highPercentile) + " percentile " + money(cuts.highMinor);
        case POTENTIAL -> "at or above the " + pct(cuts.potentialPercentile) + " percentile " + money(cuts.potentialMinor);
        default -> "below the " + pct(cuts.potentialPercentile) + " percentile " + money(cuts.potentialMinor);
      };
      return first + "lifetime value " + money(clvMinor) + units(currency) + " " + where + " of " + cuts.customers
          + " buying customers' (" + java.time.LocalDate.ofEpochDay(cuts.day) + ")";
    }
    boolean up = from == null || to.rank() > from.rank();
    String spend = spend(spendMinor, currency);
    return switch (to) {
      case VIP -> first + spend + " reached the vip threshold " + money(vipSpendMinor);
      case HIGH -> up ? first + spend + " reached the high threshold " + money(highSpendMinor)
          : spend + " fell below the vip threshold " + money(vipSpendMinor);
      case POTENTIAL -> up ? first + spend + " and expected lifetime value " + money(clvMinor)
          + " together reach the high threshold " + money(highSpendMinor)
          : spend + " fell below the high threshold " + money(highSpendMinor) + "; with expected lifetime value "
          + money(clvMinor) + " it reaches it";
      default -> up ? first + spend : from == ValueTier.POTENTIAL ? spend + " and expected lifetime value "
          + money(clvMinor) + " no longer reach the high threshold " + money(highSpendMinor)
          : spend + " fell below the high threshold " + money(highSpendMinor);
    };
  }

  private static String spend(long spendMinor, String currency) {
    return "net spend " + money(spendMinor) + units(currency);
  }

  private static String units(String currency) {
    return currency == null ? "" : " " + currency;
  }

  private static String pct(double percentile) {
    return percentile == Math.rint(percentile) ? Long.toString((long) percentile) + "th"
        : String.format(Locale.ROOT, "%.1fth", percentile);
  }

  static String money(double minor) {
    return money(Math.round(minor));
  }

  static String money(long minor) {
    String sign = minor < 0 ? "-" : "";
    long abs = Math.abs(minor);
    long cents = abs % 100;
    return sign + (abs / 100) + (cents < 10 ? ".0" : ".") + cents;
  }
}
