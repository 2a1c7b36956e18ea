package dev.customerpulse.scoring;

import dev.customerpulse.state.DailyBuckets;
import dev.customerpulse.features.FeatureUpdater;
import dev.customerpulse.state.Metric;
import dev.customerpulse.state.CustomerState;
import java.io.Serializable;

/** Computes a customer's features and scores from their state at a moment of event time. */
public final class ProfileScorer implements Serializable {
  private static final long DAY = FeatureUpdater.DAY;
  private static final int TOP_CATEGORIES = 3;
  private static final double LN_366 = Math.log(366);
  private static final double LN_11 = Math.log(11);
  private static final double LN_100001 = Math.log(100_001);

  private final RfmSettings rfm;
  private final ClvModel clv;
  private final ChurnModel churn;
  private final String modelVersion;

  public ProfileScorer(RfmSettings rfm, ClvModel clv, ChurnModel churn) {
    this.rfm = rfm;
    this.clv = clv;
    this.churn = churn;
    this.modelVersion = ModelVersion.of(rfm, clv.settings(), churn);
  }

  public String modelVersion() {
    return modelVersion;
  }

  public ClvSettings clvSettings() {
    return clv.settings();
  }

  public RfmSettings rfm() {
    return rfm;
  }

  /** Only the lifetime value over the CLV horizon at {@code now} (minor units); NaN before the first purchase. */
  public double clvMinor(CustomerState s, long now) {
    ClvScore value = clv.score(s.purchases, now);
    return value == null ? Double.NaN : value.clvMinor();
  }

  public Scores score(CustomerState s, long now) {
    Scores out = new Scores();
    out.scoredAt = now;
    out.modelVersion = modelVersion;
    long today = Math.floorDiv(now, DAY);
    DailyBuckets d = s.daily;

    // One pass over the days fills every window (and the engagement trend's two periods).
    long recentActivity = 0;
    long earlierActivity = 0;
    long productViews90d = 0;
    long cartAdds90d = 0;
    long checkouts90d = 0;
    for (int i = 0; i < d.size(); i++) {
      long age = today - d.day(i);
      if (age < 0 || age >= DailyBuckets.DAYS) {
        continue;
      }
      long views = d.value(i, Metric.VIEWS);
      long carts = d.value(i, Metric.CART_ADDS);
      long orders = d.value(i, Metric.ORDERS);
      if (age < 7) {
        out.views7d += views;
        recentActivity += views + carts + orders;
      } else if (age < 37) {
        earlierActivity += views + carts + orders;
      }
      if (age < 30) {
        out.views30d += views;
        out.cartAdds30d += carts;
        out.orders30d += orders;
        out.spend30dMinor += d.value(i, Metric.SPEND_MINOR);
        out.sessions30d += d.value(i, Metric.SESSIONS);
        out.abandonedCarts30d += d.value(i, Metric.ABANDONED_CARTS);
        out.serviceCalls30d += d.value(i, Metric.SERVICE_CALLS);
      }
      out.views90d += views;
      out.orders90d += orders;
      out.spend90dMinor += d.value(i, Metric.SPEND_MINOR);
      out.serviceCalls90d += d.value(i, Metric.SERVICE_CALLS);
      out.complaints90d += d.value(i, Metric.COMPLAINTS);
      out.unresolved90d += d.value(i, Metric.UNRESOLVED_CALLS);
      productViews90d += d.value(i, Metric.PRODUCT_VIEWS);
      cartAdds90d += carts;
      checkouts90d += d.value(i, Metric.CHECKOUTS);
    }
    Funnel funnel = Funnel.withImpliedSteps(productViews90d, cartAdds90d, checkouts90d, out.orders90d);
    out.funnelProductViews90d = funnel.productViews();
    out.funnelCartAdds90d = funnel.cartAdds();
    out.funnelCheckouts90d = funnel.checkouts();
    out.funnelOrders90d = funnel.orders();
    out.cartRate90d = funnel.cartRate();
    out.checkoutRate90d = funnel.checkoutRate();
    out.purchaseRate90d = funnel.purchaseRate();
    out.conversionRate90d = funnel.conversionRate();

    boolean openSession = s.sessionStart != CustomerState.NONE;
    out.sessions = s.sessions + (openSession ? 1 : 0);
    long sessionMillis = s.sessionMillis + (openSession ? s.sessionLast - s.sessionStart : 0);
    out.avgSessionSeconds = out.sessions == 0 ? 0 : sessionMillis / 1000.0 / out.sessions;
    out.engagementTrend = trend(recentActivity / 7.0, earlierActivity / 30.0);
    out.daysSinceLastSeen = Math.max(0, (double) (now - s.lastSeen) / DAY);
    out.tenureDays = Math.max(0, Math.floorDiv(now - s.firstSeen, DAY));
    out.topCategories = String.join(",", s.categories.top(TOP_CATEGORIES));

    boolean buyer = s.purchases.hasPurchases();
    out.recencyDays = buyer ? s.purchases.daysSinceLast(now) : -1;
    out.frequency = s.purchases.purchaseDays();
    out.monetaryMinor = s.spendMinor;
    out.recencyScore = buyer ? rfm.recencyScore(out.recencyDays) : 0;
    out.frequencyScore = buyer ? rfm.frequencyScore(out.frequency) : 0;
    out.monetaryScore = buyer ? rfm.monetaryScore(out.monetaryMinor) : 0;
    out.averageOrderValueMinor = s.orders == 0 ? 0 : Math.round((double) s.spendMinor / s.orders);

    out.avgSatisfaction = s.satisfactionAnswers == 0 ? Double.NaN : (double) s.satisfactionSum / s.satisfactionAnswers;
    out.lastNps = s.lastNps;
    out.npsClass = s.lastNps < 0 ? "" : s.lastNps >= 9 ? "promoter" : s.lastNps >= 7 ? "passive" : "detractor";

    ClvScore value = clv.score(s.purchases, now);
    out.probabilityAlive = value == null ? Double.NaN : value.probabilityAlive();
    out.expectedPurchases = value == null ? 0 : value.expectedPurchases();
    out.expectedAverageSpendMinor = value == null ? 0 : value.expectedAverageSpendMinor();
    out.clvMinor = value == null ? 0 : value.clvMinor();

    out.probabilityQuiet = clv.probabilityQuiet(s.purchases, now, churn.quietHorizon());
    ChurnModel.Score risk = churn.score(churnFeatures(s, out));
    out.churnRisk = risk.risk();
    out.churnReasons = risk.reasons(3);
    out.churn = risk;
    return out;
  }

  /** The churn model's inputs, indexed by {@link ChurnFeature#ordinal()}. */
  static double[] churnFeatures(CustomerState s, Scores f) {
    double[] v = new double[ChurnFeature.values().length];
    v[ChurnFeature.P_DEAD.ordinal()] = Double.isNaN(f.probabilityAlive) ? 0 : 1 - f.probabilityAlive;
    v[ChurnFeature.INACTIVITY.ordinal()] = Math.min(1, f.daysSinceLastSeen / 90);
    v[ChurnFeature.ENGAGEMENT_DROP.ordinal()] = Math.max(0, -f.engagementTrend);
    v[ChurnFeature.COMPLAINTS.ordinal()] = Math.min(1, f.complaints90d / 3.0);
    v[ChurnFeature.UNRESOLVED.ordinal()] = Math.min(1, f.unresolved90d / 2.0);
    v[ChurnFeature.LOW_SATISFACTION.ordinal()] = Double.isNaN(f.avgSatisfaction) ? 0
        : Math.max(0, Math.min(1, (3 - f.avgSatisfaction) / 2));
    v[ChurnFeature.DETRACTOR.ordinal()] = s.lastNps >= 0 && s.lastNps <= 6 ? 1 : 0;
    v[ChurnFeature.ABANDONED_CARTS.ordinal()] = Math.min(1, f.abandonedCarts30d / 3.0);
    v[ChurnFeature.REFUND_RATE.ordinal()] = s.orders == 0 ? 0 : Math.min(1, (double) s.refunds / s.orders);
    v[ChurnFeature.QUIET.ordinal()] = Double.isNaN(f.probabilityQuiet) ? 0 : f.probabilityQuiet;
    boolean buyer = f.recencyDays >= 0;
    v[ChurnFeature.LONG_ABSENCE.ordinal()] = buyer ? Math.min(1, Math.log1p(f.recencyDays) / LN_366) : 0;
    v[ChurnFeature.FEW_PURCHASES.ordinal()] = buyer && f.frequency > 0 ? 1.0 / f.frequency : 0;
    v[ChurnFeature.RECENT_PURCHASES.ordinal()] = Math.min(1, Math.log1p(f.orders90d) / LN_11);
    v[ChurnFeature.TENURE.ordinal()] = buyer ? Math.min(1, s.purchases.age(f.scoredAt, DAY) / 365.0) : 0;
    v[ChurnFeature.SPEND.ordinal()] = Math.min(1, Math.log1p(Math.max(0, f.monetaryMinor) / 100.0) / LN_100001);
    return v;
  }

  /**
   * Activity (views, cart adds, orders) per day over the last 7 days against the 30 days before,
   * as (recent - before) / (recent + before): 0 steady, -1 stopped, +1 new.
   */
  static double trend(double recentPerDay, double beforePerDay) {
    return recentPerDay + beforePerDay == 0 ? 0 : (recentPerDay - beforePerDay) / (recentPerDay + beforePerDay);
  }
}
