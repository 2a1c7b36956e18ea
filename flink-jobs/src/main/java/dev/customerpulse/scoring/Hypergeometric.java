package dev.customerpulse.scoring;

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for 0 <= z < 1, by its power series. Neither
 * Hipparchus nor Commons Math provides it; BG/NBD only needs z = t / (alpha + T + t), which stays
 * below 1, where the series converges geometrically.
 */
public final class Hypergeometric {
  private static final int MAX_TERMS = 100_000;
  /** Relative size of the last term kept: far below the 4 decimals scores are published with. */
  private static final double TOLERANCE = 1e-13;

  private Hypergeometric() {}

  public static double f21(double a, double b, double c, double z) {
    if (!(z >= 0 && z < 1)) {
      throw new IllegalArgumentException("2F1 series needs 0 <= z < 1, got " + z);
    }
    double term = 1;
    double sum = 1;
    for (int n = 0; n < MAX_TERMS; n++) {
      term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
      sum += term;
      if (Math.abs(term) <= TOLERANCE * Math.abs(sum)) {
        return sum;
      }
    }
    throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge");
  }
}
