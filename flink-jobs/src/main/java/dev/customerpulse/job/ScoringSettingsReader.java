package dev.customerpulse.job;

import static dev.customerpulse.job.PulseOptions.*;

import dev.customerpulse.scoring.BgNbdParameters;
import dev.customerpulse.scoring.ChurnCalibration;
import dev.customerpulse.scoring.ChurnFeature;
import dev.customerpulse.scoring.ChurnModel;
import dev.customerpulse.scoring.ClvSettings;
import dev.customerpulse.scoring.GammaGammaParameters;
import dev.customerpulse.scoring.PurchaseCountModel;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;

/** Reads the lifetime-value and churn model settings for {@link PulseSettings}. */
final class ScoringSettingsReader {
  private ScoringSettingsReader() {}

  static ClvSettings clv(Configuration conf) {
    List<Double> bg = PulseSettings.numbers(conf, CLV_BGNBD, "r;alpha;a;b");
    List<Double> gg = PulseSettings.numbers(conf, CLV_GAMMA_GAMMA, "p;q;v");
    PurchaseCountModel model;
    try {
      model = conf.get(CLV_MODEL);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(CLV_MODEL.key() + ": '" + PulseSettings.text(conf, CLV_MODEL) + "' is not bg-nbd or mbg-nbd", e);
    }
    try {
      return new ClvSettings(new BgNbdParameters(bg.get(0), bg.get(1), bg.get(2), bg.get(3)),
          new GammaGammaParameters(gg.get(0), gg.get(1), gg.get(2)),
          PulseSettings.positive(conf, CLV_TIME_UNIT, false), PulseSettings.positive(conf, CLV_HORIZON, false),
          conf.get(CLV_DISCOUNT), conf.get(CLV_MONEY_UNIT), model);
    } catch (IllegalArgumentException e) {
      throw e instanceof ConfigException ? e : new ConfigException("pulse.clv: " + e.getMessage(), e);
    }
  }

  static ChurnModel churn(Configuration conf) {
    Map<String, String> given;
    try {
      given = conf.get(CHURN_WEIGHTS);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(CHURN_WEIGHTS.key() + ": '" + PulseSettings.text(conf, CHURN_WEIGHTS)
          + "' is not feature:weight pairs separated by ',' like quiet:4.0,complaints:1.5", e);
    }
    List<String> features = java.util.Arrays.stream(ChurnFeature.values()).map(ChurnFeature::key).toList();
    Map<ChurnFeature, Double> weights = new EnumMap<>(ChurnFeature.class);
    for (Map.Entry<String, String> entry : new TreeMap<>(given).entrySet()) {
      String name = entry.getKey().trim();
      if (!features.contains(name)) {
        throw new ConfigException(CHURN_WEIGHTS.key() + ": '" + name + "' is not a churn feature; the features are " + features);
      }
      try {
        weights.put(ChurnFeature.values()[features.indexOf(name)], Double.parseDouble(entry.getValue().trim()));
      } catch (NumberFormatException e) {
        throw new ConfigException(CHURN_WEIGHTS.key() + ": weight of " + name + " is not a number: '" + entry.getValue() + "'"
            + " (pairs are feature:weight separated by ',')");
      }
    }
    List<Double> platt = PulseSettings.numbers(conf, CHURN_CALIBRATION, "slope;offset");
    ChurnCalibration calibration;
    try {
      calibration = new ChurnCalibration(platt.get(0), platt.get(1));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(CHURN_CALIBRATION.key() + ": " + e.getMessage(), e);
    }
    return new ChurnModel(conf.get(CHURN_INTERCEPT), weights, PulseSettings.positive(conf, CHURN_QUIET_HORIZON, false),
        calibration);
  }
}
