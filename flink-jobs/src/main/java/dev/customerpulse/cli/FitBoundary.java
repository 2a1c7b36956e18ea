package dev.customerpulse.cli;

import dev.customerpulse.job.ConfigException;
import dev.customerpulse.job.PulseSettings;
import dev.customerpulse.scoring.BgNbdParameters;
import dev.customerpulse.scoring.PurchaseCountModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.configuration.Configuration;

/**
 * What {@code pulse fit} checks before it prints settings: that no parameter ran off to a boundary of
 * its range (the search is over logarithms, so a parameter that wants to be 0 or infinite ends up tiny
 * or huge, and printed with six decimals it may read 0, which the job refuses), and that the job
 * accepts the lines it is about to print.
 */
final class FitBoundary {
  /** Below this a parameter is taken to be at 0; above {@link #HIGH} at infinity. */
  static final double LOW = 1e-4;
  static final double HIGH = 1e5;

  private FitBoundary() {}

  /** One line per parameter at a boundary, saying what it means; empty when the fit is interior. */
  static List<String> check(BgNbdParameters p, PurchaseCountModel model) {
    List<String> out = new ArrayList<>();
    if (p.r() < LOW || p.alpha() < LOW) {
      out.add(String.format(Locale.ROOT, "r=%.3g alpha=%.3g: the purchase rates' Gamma distribution degenerates;"
          + " the history has too few repeat purchases in this time unit to say how fast customers buy", p.r(), p.alpha()));
    }
    if (p.r() > HIGH || p.alpha() > HIGH) {
      out.add(String.format(Locale.ROOT, "r=%.3g alpha=%.3g: every customer buys at the same rate r/alpha = %.4g per unit;"
          + " the model sees no difference between customers' rates", p.r(), p.alpha(), p.r() / p.alpha()));
    }
    if (p.a() < LOW || p.b() > HIGH) {
      out.add(String.format(Locale.ROOT, "a=%.3g b=%.3g: the drop-out probability after a purchase is 0; the fit says"
          + " nobody ever leaves, so P(alive) is 1 for everyone%s", p.a(), p.b(),
          model == PurchaseCountModel.BG_NBD ? " (BG/NBD: one-time buyers are alive by construction; the rest look loyal)" : ""));
    }
    if (p.b() < LOW || p.a() > HIGH) {
      out.add(String.format(Locale.ROOT, "a=%.3g b=%.3g: the drop-out probability after a purchase is 1; the fit says"
          + " everybody leaves after their next purchase", p.a(), p.b()));
    }
    return out;
  }

  /** Throws, in one line, if the job would refuse these {@code key=value} lines. */
  static void requireAccepted(List<String> settings) {
    Configuration conf = new Configuration();
    for (String line : settings) {
      String[] kv = line.split("=", 2);
      conf.setString(kv[0], kv[1]);
    }
    try {
      PulseSettings.JobLogic.from(conf);
    } catch (ConfigException e) {
      throw new IllegalStateException("pulse fit would print settings the job refuses: " + e.getMessage(), e);
    }
  }
}
