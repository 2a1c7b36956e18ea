package dev.customerpulse.scoring;

import java.util.Locale;

/** Which model counts a buyer's purchases and drop-out: BG/NBD or MBG/NBD, on the same four parameters. */
public enum PurchaseCountModel {
  /** Drop-out only right after a repeat purchase: every one-time buyer is alive (Fader, Hardie and Lee 2005). */
  BG_NBD,
  /** Drop-out also right after the first purchase (Batislam, Denizel and Filiztekin 2007). */
  MBG_NBD;

  public double probabilityAlive(BgNbdParameters p, double x, double tx, double t) {
    return this == BG_NBD ? BgNbd.probabilityAlive(p, x, tx, t) : MbgNbd.probabilityAlive(p, x, tx, t);
  }

  public double expectedPurchases(BgNbdParameters p, double horizon, double x, double tx, double t) {
    return this == BG_NBD ? BgNbd.expectedPurchases(p, horizon, x, tx, t) : MbgNbd.expectedPurchases(p, horizon, x, tx, t);
  }

  public double probabilityQuiet(BgNbdParameters p, double horizon, double x, double tx, double t) {
    return this == BG_NBD ? BgNbd.probabilityQuiet(p, horizon, x, tx, t) : MbgNbd.probabilityQuiet(p, horizon, x, tx, t);
  }

  public double logLikelihood(BgNbdParameters p, double x, double tx, double t) {
    return this == BG_NBD ? BgNbd.logLikelihood(p, x, tx, t) : MbgNbd.logLikelihood(p, x, tx, t);
  }

  /** The name in settings and on the command line: bg-nbd, mbg-nbd. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @Override
  public String toString() {
    return key();
  }

  /** The model of a setting's or option's value, or null. */
  public static PurchaseCountModel of(String key) {
    for (PurchaseCountModel model : values()) {
      if (model.key().equals(key.trim().toLowerCase(Locale.ROOT))) {
        return model;
      }
    }
    return null;
  }
}
