package dev.customerpulse.job;

import static org.apache.flink.configuration.ConfigOptions.key;

import dev.customerpulse.scoring.PurchaseCountModel;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;

/** Behaviour features and the RFM, CLV and churn models. A section of {@link PulseOptions}. */
public interface ScoringOptions {
  ConfigOption<Duration> SESSION_GAP = key("pulse.features.session-gap")
      .durationType().defaultValue(Duration.ofMinutes(30))
      .withDescription("Clicks further apart than this start a new browsing session.");

  ConfigOption<Duration> CART_ABANDONMENT = key("pulse.features.cart-abandonment")
      .durationType().defaultValue(Duration.ofHours(24))
      .withDescription("Cart activity without an order for this long counts as an abandoned cart.");

  ConfigOption<Duration> CATEGORY_HALF_LIFE = key("pulse.features.category-half-life")
      .durationType().defaultValue(Duration.ofDays(30))
      .withDescription("Half-life of a customer's interest in a category (views weigh 1, cart adds 3, purchases 5).");

  ConfigOption<List<Long>> RFM_RECENCY = key("pulse.rfm.recency-days")
      .longType().asList().defaultValues(7L, 30L, 90L, 180L)
      .withDescription("Four ascending day thresholds for the R score: a last purchase at most 7 days ago scores 5,"
          + " more than 180 days ago 1. A list: separated by ';' (or ',').");

  ConfigOption<List<Long>> RFM_FREQUENCY = key("pulse.rfm.frequency")
      .longType().asList().defaultValues(2L, 3L, 5L, 9L)
      .withDescription("Four ascending thresholds for the F score over distinct purchase days: below 2 scores 1, 9 or more 5."
          + " A list: separated by ';' (or ',').");

  ConfigOption<List<Long>> RFM_MONETARY = key("pulse.rfm.monetary-minor")
      .longType().asList().defaultValues(5_000L, 15_000L, 40_000L, 100_000L)
      .withDescription("Four ascending thresholds for the M score over net spend in minor units. A list: separated by ';'"
          + " (or ',').");

  ConfigOption<List<Double>> CLV_BGNBD = key("pulse.clv.bgnbd")
      .doubleType().asList().defaultValues(0.243, 4.414, 0.793, 2.426)
      .withDescription("BG/NBD parameters r;alpha;a;b in pulse.clv.time-unit (default: the published CDNOW fit, weekly);"
          + " fit your own with 'pulse fit'. A list: separated by ';' (or ',').");

  ConfigOption<List<Double>> CLV_GAMMA_GAMMA = key("pulse.clv.gamma-gamma")
      .doubleType().asList().defaultValues(6.25, 3.74, 15.44)
      .withDescription("Gamma-Gamma parameters p;q;v in currency units of pulse.clv.money-unit-minor (default: CDNOW,"
          + " dollars). A list: separated by ';' (or ',').");

  ConfigOption<PurchaseCountModel> CLV_MODEL = key("pulse.clv.model")
      .enumType(PurchaseCountModel.class).defaultValue(PurchaseCountModel.BG_NBD)
      .withDescription("bg-nbd: BG/NBD counts purchases and drop-out, and every one-time buyer is alive. mbg-nbd: MBG/NBD,"
          + " where a customer may also drop out right after the first purchase; both read pulse.clv.bgnbd (fit it with"
          + " 'pulse fit --count-model mbg-nbd').");

  ConfigOption<Duration> CLV_TIME_UNIT = key("pulse.clv.time-unit")
      .durationType().defaultValue(Duration.ofDays(7))
      .withDescription("Time unit the BG/NBD parameters were fitted in.");

  ConfigOption<Duration> CLV_HORIZON = key("pulse.clv.horizon")
      .durationType().defaultValue(Duration.ofDays(365))
      .withDescription("How far ahead expected purchases and CLV look.");

  ConfigOption<Double> CLV_DISCOUNT = key("pulse.clv.annual-discount-rate")
      .doubleType().defaultValue(0.0)
      .withDescription("Yearly discount rate applied to future purchases month by month (0: undiscounted CLV).");

  ConfigOption<Long> CLV_MONEY_UNIT = key("pulse.clv.money-unit-minor")
      .longType().defaultValue(100L)
      .withDescription("Minor units per currency unit of the Gamma-Gamma parameters (100: fitted in major units).");

  ConfigOption<Double> CHURN_INTERCEPT = key("pulse.churn.intercept")
      .doubleType().defaultValue(-3.0)
      .withDescription("Intercept of the logistic churn model.");

  ConfigOption<Duration> CHURN_QUIET_HORIZON = key("pulse.churn.quiet-horizon")
      .durationType().defaultValue(Duration.ofDays(90))
      .withDescription("Horizon of the churn feature quiet: the BG/NBD probability of no purchase within it.");

  ConfigOption<List<Double>> CHURN_CALIBRATION = key("pulse.churn.calibration")
      .doubleType().asList().defaultValues(1.0, 0.0)
      .withDescription("Platt calibration slope;offset of the churn model: risk = 1 / (1 + e^-(slope * z + offset)) with z"
          + " = intercept + sum of weight * feature. 1;0 leaves z as it is; 'pulse fit churn' fits it on a later window"
          + " than the weights. A list: separated by ';' (or ',').");

  ConfigOption<Map<String, String>> CHURN_WEIGHTS = key("pulse.churn.weights")
      .mapType().defaultValue(inOrder("quiet", "4.0", "inactivity", "1.0", "p_dead", "0.25", "engagement_drop", "0.5",
          "complaints", "1.0", "unresolved", "1.0", "low_satisfaction", "1.0", "detractor", "0.8", "abandoned_carts", "0.5",
          "refund_rate", "0.8"))
      .withDescription("Weights of the churn model's features, a map: feature:weight pairs separated by ','; features left"
          + " out weigh 0. The features are described in docs/features.md; 'pulse fit churn' learns them (docs/churn.md).");

  ConfigOption<Duration> RESCORE_INTERVAL = key("pulse.scoring.rescore-interval")
      .durationType().defaultValue(Duration.ofDays(1))
      .withDescription("A silent customer is rescored this often in event time, so recency, P(alive) and churn risk move on.");

  /** An unmodifiable map of these keys and values, in this order (for a stable default in the table). */
  private static Map<String, String> inOrder(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }
}
