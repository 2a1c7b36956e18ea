package dev.customerpulse.learning;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;

/**
 * L2-regularised logistic regression by Newton's method (iteratively reweighted least squares):
 * maximises sum of log-likelihoods - penalty / 2 * sum of squared weights; the intercept is not
 * penalised. The objective is concave, so Newton steps (halved while they do not improve it) reach
 * its one maximum; the result depends only on the data and the penalty.
 */
public final class LogisticRegression {
  private static final int MAX_ITERATIONS = 100;
  private static final double TOLERANCE = 1e-10;

  private LogisticRegression() {}

  /** A fit: the intercept, one weight per column, and the penalised log-likelihood it reached. */
  public record Fit(double intercept, double[] weights, double objective) {
    public double logit(double[] row) {
      double z = intercept;
      for (int j = 0; j < weights.length; j++) {
        z += weights[j] * row[j];
      }
      return z;
    }

    public double probability(double[] row) {
      return sigmoid(logit(row));
    }
  }

  public static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * @param rows one feature vector per example, all of the same length
   * @param positive the label of each example
   * @param penalty the L2 penalty on the weights (0: plain maximum likelihood)
   */
  public static Fit fit(double[][] rows, boolean[] positive, double penalty) {
    if (rows.length == 0 || rows.length != positive.length) {
      throw new IllegalArgumentException("one label per example, and at least one example");
    }
    int k = rows[0].length + 1;
    double[] beta = new double[k];
    double current = objective(rows, positive, penalty, beta);
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double[] gradient = new double[k];
      double[][] hessian = new double[k][k];
      for (int i = 0; i < rows.length; i++) {
        double[] x = withOne(rows[i]);
        double p = sigmoid(dot(beta, x));
        double residual = (positive[i] ? 1 : 0) - p;
        double w = p * (1 - p);
        for (int a = 0; a < k; a++) {
          gradient[a] += residual * x[a];
          for (int b = 0; b < k; b++) {
            hessian[a][b] += w * x[a] * x[b];
          }
        }
      }
      for (int a = 1; a < k; a++) {
        gradient[a] -= penalty * beta[a];
        hessian[a][a] += penalty;
      }
      // A tiny ridge on the diagonal keeps a column that never varies from making the system singular.
      for (int a = 0; a < k; a++) {
        hessian[a][a] += 1e-9;
      }
      double[] step = new LUDecomposition(new Array2DRowRealMatrix(hessian, false)).getSolver()
          .solve(new ArrayRealVector(gradient, false)).toArray();
      double scale = 1;
      double[] next = beta;
      double value = current;
      for (int halving = 0; halving < 30; halving++) {
        double[] candidate = new double[k];
        for (int a = 0; a < k; a++) {
          candidate[a] = beta[a] + scale * step[a];
        }
        double candidateValue = objective(rows, positive, penalty, candidate);
        if (candidateValue >= current) {
          next = candidate;
          value = candidateValue;
          break;
        }
        scale /= 2;
      }
      double largest = 0;
      for (int a = 0; a < k; a++) {
        largest = Math.max(largest, Math.abs(next[a] - beta[a]));
      }
      beta = next;
      current = value;
      if (largest < TOLERANCE) {
        break;
      }
    }
    double[] weights = new double[k - 1];
    System.arraycopy(beta, 1, weights, 0, k - 1);
    return new Fit(beta[0], weights, current);
  }

  /** Mean log-likelihood of the labels under the probabilities (the negative log loss). */
  public static double meanLogLikelihood(double[] probabilities, boolean[] positive) {
    double sum = 0;
    for (int i = 0; i < probabilities.length; i++) {
      double p = Math.min(1 - 1e-15, Math.max(1e-15, probabilities[i]));
      sum += positive[i] ? Math.log(p) : Math.log(1 - p);
    }
    return sum / probabilities.length;
  }

  private static double objective(double[][] rows, boolean[] positive, double penalty, double[] beta) {
    double sum = 0;
    for (int i = 0; i < rows.length; i++) {
      double z = dot(beta, withOne(rows[i]));
      // log sigmoid(z) and log(1 - sigmoid(z)), computed without overflow.
      double logOneMinus = -Math.max(z, 0) - Math.log1p(Math.exp(-Math.abs(z)));
      sum += positive[i] ? z + logOneMinus : logOneMinus;
    }
    double squares = 0;
    for (int a = 1; a < beta.length; a++) {
      squares += beta[a] * beta[a];
    }
    return sum - penalty / 2 * squares;
  }

  private static double[] withOne(double[] row) {
    double[] x = new double[row.length + 1];
    x[0] = 1;
    System.arraycopy(row, 0, x, 1, row.length);
    return x;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
