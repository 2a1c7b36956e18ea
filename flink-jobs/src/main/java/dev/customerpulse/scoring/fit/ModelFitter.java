package dev.customerpulse.scoring.fit;

import dev.customerpulse.scoring.BgNbdParameters;
import dev.customerpulse.scoring.GammaGamma;
import dev.customerpulse.scoring.GammaGammaParameters;
import dev.customerpulse.scoring.PurchaseCountModel;
import java.util.List;
import java.util.function.Function;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximum-likelihood fits of BG/NBD and Gamma-Gamma with Hipparchus's Nelder-Mead simplex,
 * searching over the logarithms of the parameters so that they stay positive.
 */
public final class ModelFitter {
  private ModelFitter() {}

  /** A fit and its total log-likelihood. */
  public record Fit<P>(P parameters, double logLikelihood, int customers) {}

  public static Fit<BgNbdParameters> fitBgNbd(List<CustomerSummary> customers) {
    return fitBgNbd(customers, PurchaseCountModel.BG_NBD);
  }

  /** Fits BG/NBD or MBG/NBD (the same four parameters) by maximum likelihood. */
  public static Fit<BgNbdParameters> fitBgNbd(List<CustomerSummary> customers, PurchaseCountModel model) {
    if (customers.isEmpty()) {
      throw new IllegalArgumentException("no customers to fit BG/NBD on");
    }
    Function<double[], BgNbdParameters> params = v -> new BgNbdParameters(Math.exp(v[0]), Math.exp(v[1]), Math.exp(v[2]), Math.exp(v[3]));
    PointValuePair best = minimize(v -> {
      BgNbdParameters p = params.apply(v);
      double sum = 0;
      for (CustomerSummary c : customers) {
        sum += model.logLikelihood(p, c.x(), c.tx(), c.t());
      }
      return -sum;
    }, new double[] {0, 0, 0, 0});
    return new Fit<>(params.apply(best.getPoint()), -best.getValue(), customers.size());
  }

  /** Fits on the repeat buyers (x > 0 with a positive mean repeat value); the others carry no spend information. */
  public static Fit<GammaGammaParameters> fitGammaGamma(List<CustomerSummary> customers) {
    List<CustomerSummary> repeat = customers.stream().filter(c -> c.x() > 0 && c.meanRepeatValue() > 0).toList();
    if (repeat.isEmpty()) {
      throw new IllegalArgumentException("no repeat buyers to fit Gamma-Gamma on");
    }
    // q must stay above 1 for the expected spend to exist: q = 1 + exp(v).
    Function<double[], GammaGammaParameters> params = v -> new GammaGammaParameters(Math.exp(v[0]), 1 + Math.exp(v[1]), Math.exp(v[2]));
    PointValuePair best = minimize(v -> {
      GammaGammaParameters p = params.apply(v);
      double sum = 0;
      for (CustomerSummary c : repeat) {
        sum += GammaGamma.logLikelihood(p, c.x(), c.meanRepeatValue());
      }
      return -sum;
    }, new double[] {0, 0, 0});
    return new Fit<>(params.apply(best.getPoint()), -best.getValue(), repeat.size());
  }

  private static PointValuePair minimize(java.util.function.ToDoubleFunction<double[]> negativeLogLikelihood, double[] start) {
    SimplexOptimizer optimizer = new SimplexOptimizer(1e-12, 1e-10);
    PointValuePair result = null;
    double[] from = start;
    // Nelder-Mead can stall; restarting from its own best point until it stops improving is the usual remedy.
    for (int round = 0; round < 5; round++) {
      PointValuePair next = optimizer.optimize(new MaxEval(50_000),
          new ObjectiveFunction(v -> {
            double value = negativeLogLikelihood.applyAsDouble(v);
            return Double.isFinite(value) ? value : Double.MAX_VALUE;
          }),
          GoalType.MINIMIZE, new InitialGuess(from), new NelderMeadSimplex(from.length, 0.5));
      if (result != null && Math.abs(result.getValue() - next.getValue()) < 1e-9) {
        return next;
      }
      result = next;
      from = next.getPoint();
    }
    return result;
  }
}
