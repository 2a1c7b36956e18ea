package dev.customerpulse.segments;

import java.util.Objects;

/**
 * Where the CLV percentiles of the tiers lie across all buying customers on one day, from the
 * population sketch ({@link ClvPopulation}). A POJO, so Flink keeps it in broadcast state without Kryo.
 */
public class ClvCuts {
  /** The day (UTC, days since the epoch) whose customers the sketch holds. */
  public long day;
  /** Customers in the sketch. */
  public long customers;
  public double potentialPercentile;
  public double highPercentile;
  public double vipPercentile;
  /** CLV (minor units) at those percentiles. */
  public double potentialMinor;
  public double highMinor;
  public double vipMinor;

  public ClvCuts() {}

  public ClvCuts(long day, long customers, double potentialPercentile, double highPercentile, double vipPercentile,
      double potentialMinor, double highMinor, double vipMinor) {
    this.day = day;
    this.customers = customers;
    this.potentialPercentile = potentialPercentile;
    this.highPercentile = highPercentile;
    this.vipPercentile = vipPercentile;
    this.potentialMinor = potentialMinor;
    this.highMinor = highMinor;
    this.vipMinor = vipMinor;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClvCuts c && day == c.day && customers == c.customers && potentialMinor == c.potentialMinor
        && highMinor == c.highMinor && vipMinor == c.vipMinor && potentialPercentile == c.potentialPercentile
        && highPercentile == c.highPercentile && vipPercentile == c.vipPercentile;
  }

  @Override
  public int hashCode() {
    return Objects.hash(day, customers, potentialMinor, highMinor, vipMinor);
  }

  @Override
  public String toString() {
    return "ClvCuts[day " + day + ", " + customers + " customers, p" + potentialPercentile + "=" + potentialMinor + ", p"
        + highPercentile + "=" + highMinor + ", p" + vipPercentile + "=" + vipMinor + "]";
  }
}
