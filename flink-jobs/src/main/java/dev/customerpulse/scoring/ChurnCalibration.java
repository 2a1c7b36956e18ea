package dev.customerpulse.scoring;

import java.io.Serializable;

/**
 * Platt scaling of the churn model: the calibrated logit is {@code slope * z + offset}, where z is the
 * linear part of the model, so that risk = 1 / (1 + e^-(slope * z + offset)) is a probability on the
 * history it was fitted on. Monotone (slope above 0), so it never changes the ranking; {@code pulse fit
 * churn} fits it on its validation window. {@link #NONE} (1, 0) leaves the model's logit as it is.
 */
public record ChurnCalibration(double slope, double offset) implements Serializable {
  public static final ChurnCalibration NONE = new ChurnCalibration(1, 0);

  public ChurnCalibration {
    if (!(slope > 0 && Double.isFinite(slope) && Double.isFinite(offset))) {
      throw new IllegalArgumentException("churn calibration needs a positive slope and a finite offset, got slope=" + slope
          + " offset=" + offset);
    }
  }

  public double apply(double z) {
    return slope * z + offset;
  }
}
