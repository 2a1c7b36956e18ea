package dev.customerpulse.scoring;

import java.io.Serializable;

/**
 * BG/NBD model parameters (Fader, Hardie and Lee 2005): purchase rates are Gamma(r, alpha) across
 * customers, the drop-out probability after each purchase is Beta(a, b). Times are in the model's
 * time unit (the one the parameters were fitted in).
 */
public record BgNbdParameters(double r, double alpha, double a, double b) implements Serializable {

  /** Published fit on the CDNOW calibration sample, in weeks. */
  public static final BgNbdParameters CDNOW = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);

  public BgNbdParameters {
    if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) {
      throw new IllegalArgumentException("BG/NBD parameters must all be positive, got r=" + r + " alpha=" + alpha
          + " a=" + a + " b=" + b);
    }
  }
}
