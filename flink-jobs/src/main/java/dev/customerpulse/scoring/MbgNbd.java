package dev.customerpulse.scoring;

import org.hipparchus.special.Gamma;

/**
 * The MBG/NBD model's closed forms (Batislam, Denizel and Filiztekin 2007, "Empirical validation and
 * comparison of models for customer base analysis"). As BG/NBD, but a customer may also drop out at
 * time zero, right after the first purchase, so a one-time buyer who has been quiet for long is likely
 * gone. The same four parameters (purchase rates Gamma(r, alpha), drop-out probability Beta(a, b)) and
 * the same summary: x repeat purchases, tx the last purchase and T the age, from the first purchase.
 *
 * <p>Given a rate lambda and a drop-out probability p, the data's likelihood is (1-p)^(x+1) lambda^x
 * e^(-lambda T) (still alive) + p (1-p)^x lambda^x e^(-lambda tx) (dropped out right after the last
 * purchase); integrating over both mixing distributions gives the forms below.
 */
public final class MbgNbd {
  private MbgNbd() {}

  /** P(alive | x, tx, T); below 1 also for a customer without repeat purchases. */
  public static double probabilityAlive(BgNbdParameters p, double x, double tx, double t) {
    return 1 / (1 + dropOutOdds(p, x, tx, t));
  }

  /**
   * E[Y(horizon) | x, tx, T]: an alive customer's drop-out probability has the posterior Beta(a, b + x + 1)
   * (they survived x + 1 chances to leave) and their rate Gamma(r + x, alpha + T).
   */
  public static double expectedPurchases(BgNbdParameters p, double horizon, double x, double tx, double t) {
    if (horizon <= 0) {
      return 0;
    }
    double r = p.r() + x;
    double z = horizon / (p.alpha() + t + horizon);
    double f = Hypergeometric.f21(r, p.b() + x + 1, p.a() + p.b() + x, z);
    double alive = (p.a() + p.b() + x) / (p.a() - 1) * (1 - Math.pow((p.alpha() + t) / (p.alpha() + t + horizon), r) * f);
    return alive * probabilityAlive(p, x, tx, t);
  }

  /** P(no purchase in the next {@code horizon} | x, tx, T): dropped out, or alive and quiet for the horizon. */
  public static double probabilityQuiet(BgNbdParameters p, double horizon, double x, double tx, double t) {
    double alive = probabilityAlive(p, x, tx, t);
    return 1 - alive + alive * Math.pow((p.alpha() + t) / (p.alpha() + t + horizon), p.r() + x);
  }

  /** Log-likelihood of one customer's (x, tx, T), for maximum-likelihood fitting. */
  public static double logLikelihood(BgNbdParameters p, double x, double tx, double t) {
    double r = p.r();
    double alpha = p.alpha();
    double a = p.a();
    double b = p.b();
    double lnRate = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha);
    double lnBetaB = Gamma.logGamma(a + b) - Gamma.logGamma(a) - Gamma.logGamma(b);
    // B(a, b + x + 1) and B(a + 1, b + x), each over B(a, b).
    double lnAlive = lnBetaB + Gamma.logGamma(a) + Gamma.logGamma(b + x + 1) - Gamma.logGamma(a + b + x + 1)
        - (r + x) * Math.log(alpha + t);
    double lnGone = lnBetaB + Gamma.logGamma(a + 1) + Gamma.logGamma(b + x) - Gamma.logGamma(a + b + x + 1)
        - (r + x) * Math.log(alpha + tx);
    double max = Math.max(lnAlive, lnGone);
    return lnRate + max + Math.log(Math.exp(lnAlive - max) + Math.exp(lnGone - max));
  }

  private static double dropOutOdds(BgNbdParameters p, double x, double tx, double t) {
    return p.a() / (p.b() + x) * Math.pow((p.alpha() + t) / (p.alpha() + tx), p.r() + x);
  }
}
