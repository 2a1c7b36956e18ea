package dev.customerpulse.scoring;

import org.hipparchus.special.Gamma;

/** The Gamma-Gamma model's closed forms for a customer's expected average transaction value. */
public final class GammaGamma {
  private GammaGamma() {}

  /**
   * E[M | x, mean]: the customer's expected average transaction value given x repeat transactions
   * of mean value {@code mean}; with no repeat transaction, the population mean p*v/(q-1).
   */
  public static double expectedAverageSpend(GammaGammaParameters m, double x, double mean) {
    return m.p() * (m.v() + x * mean) / (m.p() * x + m.q() - 1);
  }

  /** Log-likelihood of one repeat buyer (x > 0 transactions of mean value {@code mean} > 0), for fitting. */
  public static double logLikelihood(GammaGammaParameters m, double x, double mean) {
    double px = m.p() * x;
    return Gamma.logGamma(px + m.q()) - Gamma.logGamma(px) - Gamma.logGamma(m.q())
        + m.q() * Math.log(m.v()) + (px - 1) * Math.log(mean) + px * Math.log(x)
        - (px + m.q()) * Math.log(m.v() + mean * x);
  }
}
