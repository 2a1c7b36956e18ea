package dev.customerpulse.scoring;

import java.io.Serializable;

/**
 * Gamma-Gamma spend model parameters (Fader, Hardie and Lee 2005, "RFM and CLV"): a transaction's
 * value is Gamma(p, nu) around the customer's mean, and nu is Gamma(q, gamma) across customers.
 * {@code v} is gamma, in the currency unit the model was fitted in.
 */
public record GammaGammaParameters(double p, double q, double v) implements Serializable {

  /** Published fit on the 946 repeat buyers of the CDNOW calibration sample, in US dollars. */
  public static final GammaGammaParameters CDNOW = new GammaGammaParameters(6.25, 3.74, 15.44);

  public GammaGammaParameters {
    if (!(p > 0 && q > 1 && v > 0)) {
      throw new IllegalArgumentException("Gamma-Gamma parameters need p > 0, q > 1, v > 0, got p=" + p + " q=" + q + " v=" + v);
    }
  }
}
