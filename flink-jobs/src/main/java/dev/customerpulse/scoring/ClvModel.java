package dev.customerpulse.scoring;

import dev.customerpulse.state.PurchaseHistory;
import java.io.Serializable;

/** Lifetime value of a buyer from their purchase history: BG/NBD or MBG/NBD for how many, Gamma-Gamma for how much. */
public final class ClvModel implements Serializable {
  private static final long DAY = 86_400_000L;
  private static final double YEAR_DAYS = 365.25;
  private final ClvSettings settings;

  public ClvModel(ClvSettings settings) {
    this.settings = settings;
  }

  public ClvSettings settings() {
    return settings;
  }

  /** Scores at event time {@code now}; null for a customer who has not bought yet (outside both models). */
  public ClvScore score(PurchaseHistory history, long now) {
    if (!history.hasPurchases()) {
      return null;
    }
    long unit = settings.timeUnit().toMillis();
    double x = history.repeatPurchases();
    double tx = history.recency(unit);
    double t = history.age(now, unit);
    BgNbdParameters bg = settings.bgNbd();
    double alive = settings.countModel().probabilityAlive(bg, x, tx, t);
    double meanSpend = history.meanRepeatAmountMinor() / settings.moneyUnitMinor();
    double spendMinor = GammaGamma.expectedAverageSpend(settings.gammaGamma(), x, meanSpend) * settings.moneyUnitMinor();
    double horizon = (double) settings.horizon().toMillis() / unit;
    double purchases = settings.countModel().expectedPurchases(bg, horizon, x, tx, t);
    double clv = settings.annualDiscountRate() == 0 ? purchases * spendMinor : discounted(bg, x, tx, t, unit, spendMinor);
    return new ClvScore(alive, purchases, spendMinor, clv);
  }

  /** P(no purchase within {@code horizon} of {@code now}); NaN for a customer who has not bought yet. */
  public double probabilityQuiet(PurchaseHistory history, long now, java.time.Duration horizon) {
    if (!history.hasPurchases()) {
      return Double.NaN;
    }
    long unit = settings.timeUnit().toMillis();
    return settings.countModel().probabilityQuiet(settings.bgNbd(), (double) horizon.toMillis() / unit, history.repeatPurchases(),
        history.recency(unit), history.age(now, unit));
  }

  /** Expected purchases month by month, each month's value discounted to now. */
  private double discounted(BgNbdParameters bg, double x, double tx, double t, long unit, double spendMinor) {
    long horizonDays = settings.horizon().toMillis() / DAY;
    double value = 0;
    double before = 0;
    for (long day = Math.min(30, horizonDays); ; day = Math.min(day + 30, horizonDays)) {
      double cumulative = settings.countModel().expectedPurchases(bg, (double) day * DAY / unit, x, tx, t);
      value += (cumulative - before) * spendMinor / Math.pow(1 + settings.annualDiscountRate(), day / YEAR_DAYS);
      before = cumulative;
      if (day >= horizonDays) {
        return value;
      }
    }
  }
}
