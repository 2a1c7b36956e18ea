package dev.customerpulse.scoring;

/**
 * Everything computed from a customer's state at one moment: windowed features, funnel, RFM,
 * lifetime value and churn risk. Published to Redis and Kafka next to the state's own counts.
 * Fields that do not apply (no purchase yet, no survey answer) are NaN or -1, written as empty.
 */
public class Scores {
  public long scoredAt;
  public String modelVersion;

  public long views7d;
  public long views30d;
  public long views90d;
  public long cartAdds30d;
  public long orders30d;
  public long orders90d;
  public long spend30dMinor;
  public long spend90dMinor;
  public long sessions30d;
  public long abandonedCarts30d;
  public long serviceCalls30d;
  public long serviceCalls90d;
  public long complaints90d;
  public long unresolved90d;

  /** The funnel's steps over 90 days, each step implied by the next (see {@link Funnel}), and its rates. */
  public long funnelProductViews90d;
  public long funnelCartAdds90d;
  public long funnelCheckouts90d;
  public long funnelOrders90d;
  public double cartRate90d;
  public double checkoutRate90d;
  public double purchaseRate90d;
  public double conversionRate90d;

  public long sessions;
  public double avgSessionSeconds;
  public double engagementTrend;
  public double daysSinceLastSeen;
  public long tenureDays;
  public String topCategories;

  /** Days since the last purchase, -1 without purchases. */
  public long recencyDays;
  /** Distinct purchase days. */
  public long frequency;
  public long monetaryMinor;
  /** RFM scores 1-5, 0 without purchases. */
  public int recencyScore;
  public int frequencyScore;
  public int monetaryScore;
  public long averageOrderValueMinor;

  public double avgSatisfaction;
  public int lastNps;
  /** promoter, passive, detractor, or empty. */
  public String npsClass;

  public double probabilityAlive;
  public double expectedPurchases;
  public double expectedAverageSpendMinor;
  public double clvMinor;

  /** P(no purchase within the churn model's quiet horizon); NaN before the first purchase. */
  public double probabilityQuiet;
  public double churnRisk;
  /** Top reasons, e.g. {@code inactivity:+1.250,p_dead:+0.800}. */
  public String churnReasons;
  /** The churn model's whole score (every feature's value and contribution), for alerts. */
  public ChurnModel.Score churn;
}
