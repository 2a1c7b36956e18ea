package dev.customerpulse.scoring;

import org.hipparchus.special.Gamma;

/**
 * The BG/NBD model's closed forms (Fader, Hardie and Lee 2005, "Counting your customers the easy
 * way"). A customer is summarised by x (repeat purchases), tx (time of the last purchase) and T
 * (age), both measured from the first purchase, in the model's time unit.
 */
public final class BgNbd {
  private BgNbd() {}

  /** P(alive | x, tx, T): the probability that the customer has not dropped out. */
  public static double probabilityAlive(BgNbdParameters p, double x, double tx, double t) {
    if (x == 0) {
      return 1;
    }
    return 1 / (1 + dropOutOdds(p, x, tx, t));
  }

  /** E[Y(horizon) | x, tx, T]: expected purchases in the next {@code horizon} time units. */
  public static double expectedPurchases(BgNbdParameters p, double horizon, double x, double tx, double t) {
    if (horizon <= 0) {
      return 0;
    }
    double r = p.r() + x;
    double z = horizon / (p.alpha() + t + horizon);
    double f = Hypergeometric.f21(r, p.b() + x, p.a() + p.b() + x - 1, z);
    double numerator = (p.a() + p.b() + x - 1) / (p.a() - 1)
        * (1 - Math.pow((p.alpha() + t) / (p.alpha() + t + horizon), r) * f);
    return numerator / (1 + (x > 0 ? dropOutOdds(p, x, tx, t) : 0));
  }

  /**
   * P(no purchase in the next {@code horizon} | x, tx, T): either the customer has dropped out, or
   * they are alive and their purchase rate, whose posterior is Gamma(r + x, alpha + T), yields no
   * purchase in the horizon. Unlike P(alive), this does not treat every one-time buyer as certainly
   * alive: a slow buyer is likely quiet.
   */
  public static double probabilityQuiet(BgNbdParameters p, double horizon, double x, double tx, double t) {
    double alive = probabilityAlive(p, x, tx, t);
    return 1 - alive + alive * Math.pow((p.alpha() + t) / (p.alpha() + t + horizon), p.r() + x);
  }

  /** E[X(t)]: expected purchases of a new customer in their first {@code t} time units. */
  public static double expectedPurchasesOfNewCustomer(BgNbdParameters p, double t) {
    double z = t / (p.alpha() + t);
    return (p.a() + p.b() - 1) / (p.a() - 1)
        * (1 - Math.pow(p.alpha() / (p.alpha() + t), p.r()) * Hypergeometric.f21(p.r(), p.b(), p.a() + p.b() - 1, z));
  }

  /** Log-likelihood of one customer's (x, tx, T) under the parameters, for maximum-likelihood fitting. */
  public static double logLikelihood(BgNbdParameters p, double x, double tx, double t) {
    double r = p.r();
    double alpha = p.alpha();
    double a = p.a();
    double b = p.b();
    double lnA1 = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha);
    double lnA2 = Gamma.logGamma(a + b) + Gamma.logGamma(b + x) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x);
    double lnA3 = -(r + x) * Math.log(alpha + t);
    if (x == 0) {
      return lnA1 + lnA2 + lnA3;
    }
    double lnA4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
    double max = Math.max(lnA3, lnA4);
    return lnA1 + lnA2 + max + Math.log(Math.exp(lnA3 - max) + Math.exp(lnA4 - max));
  }

  private static double dropOutOdds(BgNbdParameters p, double x, double tx, double t) {
    return p.a() / (p.b() + x - 1) * Math.pow((p.alpha() + t) / (p.alpha() + tx), p.r() + x);
  }
}
