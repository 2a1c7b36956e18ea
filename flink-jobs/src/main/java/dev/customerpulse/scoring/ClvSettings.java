package dev.customerpulse.scoring;

import java.io.Serializable;
import java.time.Duration;

/**
 * How lifetime value is computed.
 *
 * @param bgNbd purchase and drop-out model, fitted in {@code timeUnit}
 * @param gammaGamma spend model, fitted in currency units of {@code moneyUnitMinor} minor units
 * @param timeUnit the time unit both models were fitted in (CDNOW: a week)
 * @param horizon how far ahead expected purchases and CLV look
 * @param annualDiscountRate yearly discount rate for CLV (0: undiscounted)
 * @param moneyUnitMinor minor units per model currency unit (100: models fitted in major units)
 * @param countModel BG/NBD or MBG/NBD, on the parameters {@code bgNbd}
 */
public record ClvSettings(BgNbdParameters bgNbd, GammaGammaParameters gammaGamma, Duration timeUnit, Duration horizon,
    double annualDiscountRate, long moneyUnitMinor, PurchaseCountModel countModel) implements Serializable {

  /** With BG/NBD counting the purchases. */
  public ClvSettings(BgNbdParameters bgNbd, GammaGammaParameters gammaGamma, Duration timeUnit, Duration horizon,
      double annualDiscountRate, long moneyUnitMinor) {
    this(bgNbd, gammaGamma, timeUnit, horizon, annualDiscountRate, moneyUnitMinor, PurchaseCountModel.BG_NBD);
  }

  public ClvSettings {
    if (timeUnit.isZero() || timeUnit.isNegative() || horizon.isNegative()) {
      throw new IllegalArgumentException("CLV time unit must be positive and the horizon not negative");
    }
    if (annualDiscountRate < 0 || moneyUnitMinor < 1) {
      throw new IllegalArgumentException("CLV discount rate must not be negative and the money unit at least 1 minor unit");
    }
  }

  /** The published CDNOW fits, weekly, a one-year horizon, undiscounted. */
  public static ClvSettings defaults() {
    return new ClvSettings(BgNbdParameters.CDNOW, GammaGammaParameters.CDNOW, Duration.ofDays(7), Duration.ofDays(365), 0, 100);
  }
}
