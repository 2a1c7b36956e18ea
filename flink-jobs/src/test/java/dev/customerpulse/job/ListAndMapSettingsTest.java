package dev.customerpulse.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customerpulse.scoring.BgNbdParameters;
import dev.customerpulse.scoring.ChurnFeature;
import dev.customerpulse.scoring.GammaGammaParameters;
import dev.customerpulse.scoring.RfmSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The list and map settings are Flink's typed list and map options; bad values are one line. */
class ListAndMapSettingsTest {
  @TempDir Path dir;

  private static Configuration with(String key, String value) {
    Configuration conf = new Configuration();
    conf.setString(key, value);
    return conf;
  }

  @Test
  void rfmThresholdsAreFlinkListsAndStillAcceptCommas() {
    assertThat(PulseSettings.rfm(new Configuration())).isEqualTo(RfmSettings.defaults());
    for (String value : List.of("3;14;60;365", "3; 14; 60; 365", "[3, 14, 60, 365]", "3,14,60,365", "3, 14, 60, 365")) {
      assertThat(PulseSettings.rfm(with("pulse.rfm.recency-days", value)).recencyDays()).as(value)
          .containsExactly(3L, 14L, 60L, 365L);
    }
    Configuration typed = new Configuration();
    typed.set(ScoringOptions.RFM_MONETARY, List.of(100L, 200L, 300L, 400L));
    assertThat(PulseSettings.rfm(typed).monetaryMinor()).containsExactly(100L, 200L, 300L, 400L);
    assertThat(PulseSettings.rfm(typed).frequency()).containsExactly(2L, 3L, 5L, 9L);
  }

  @Test
  void clvParametersAreListsOfFourAndThreeNumbers() {
    Configuration conf = with("pulse.clv.bgnbd", "0.5;5;0.6;2.5");
    conf.setString("pulse.clv.gamma-gamma", "7,4,16");
    var clv = PulseSettings.clv(conf);
    assertThat(clv.bgNbd()).isEqualTo(new BgNbdParameters(0.5, 5, 0.6, 2.5));
    assertThat(clv.gammaGamma()).isEqualTo(new GammaGammaParameters(7, 4, 16));
    assertThat(PulseSettings.clv(new Configuration()).bgNbd()).isEqualTo(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));
  }

  @Test
  void churnWeightsAreAFlinkMapAndFeaturesLeftOutWeighZero() {
    var model = PulseSettings.churn(with("pulse.churn.weights", "complaints:2.5, quiet:1"));
    assertThat(model.weight(ChurnFeature.COMPLAINTS)).isEqualTo(2.5);
    assertThat(model.weight(ChurnFeature.QUIET)).isEqualTo(1.0);
    assertThat(model.weight(ChurnFeature.INACTIVITY)).isZero();
    Configuration typed = new Configuration();
    typed.set(ScoringOptions.CHURN_WEIGHTS, Map.of("detractor", "0.3"));
    assertThat(PulseSettings.churn(typed).weight(ChurnFeature.DETRACTOR)).isEqualTo(0.3);
    assertThat(PulseSettings.churn(typed).weight(ChurnFeature.QUIET)).isZero();
    assertThat(PulseSettings.churn(new Configuration()).weight(ChurnFeature.QUIET)).isEqualTo(4.0);
  }

  @Test
  void listsAndMapsCanBeWrittenAsYamlInTheConfigDirectory() throws Exception {
    Files.writeString(dir.resolve("config.yaml"), "pulse.rfm.frequency: [1, 2, 4, 8]\n"
        + "pulse.clv.gamma-gamma: 6.0,3.0,15.0\n"
        + "pulse.churn.weights: {quiet: 2.0, complaints: 1.5}\n");
    Configuration conf = FlinkSetup.configurationFrom(new String[] {"-Dpulse.config-dir=" + dir}, Map.of());
    assertThat(PulseSettings.rfm(conf).frequency()).containsExactly(1L, 2L, 4L, 8L);
    assertThat(PulseSettings.clv(conf).gammaGamma()).isEqualTo(new GammaGammaParameters(6, 3, 15));
    var model = PulseSettings.churn(conf);
    assertThat(model.weight(ChurnFeature.QUIET)).isEqualTo(2.0);
    assertThat(model.weight(ChurnFeature.COMPLAINTS)).isEqualTo(1.5);
    assertThat(model.weight(ChurnFeature.P_DEAD)).isZero();
  }

  @Test
  void badListsAndMapsAreOneLineThatShowsTheSyntax() {
    assertThatThrownBy(() -> PulseSettings.rfm(with("pulse.rfm.recency-days", "7;x;90;180"))).isInstanceOf(ConfigException.class)
        .hasMessage("pulse.rfm.recency-days: '7;x;90;180' is not a list of whole numbers separated by ';' (or ','),"
            + " like 7;30;90;180");
    assertThatThrownBy(() -> PulseSettings.rfm(with("pulse.rfm.frequency", "2,3.5,5,9")))
        .hasMessage("pulse.rfm.frequency: '2,3.5,5,9' is not a list of whole numbers separated by ';' (or ','), like 2;3;5;9");
    assertThatThrownBy(() -> PulseSettings.rfm(with("pulse.rfm.monetary-minor", "1;2;3")))
        .hasMessage("pulse.rfm: RFM monetary needs 4 ascending thresholds, got [1, 2, 3]");
    assertThatThrownBy(() -> PulseSettings.clv(with("pulse.clv.bgnbd", "0.2;4;0.8;2;1")))
        .hasMessage("pulse.clv.bgnbd needs 4 numbers r;alpha;a;b, got 5: '0.2;4;0.8;2;1'");
    assertThatThrownBy(() -> PulseSettings.clv(with("pulse.clv.gamma-gamma", "six;3;15")))
        .hasMessage("pulse.clv.gamma-gamma: 'six;3;15' is not a list of numbers separated by ';' (or ','), like 6.25;3.74;15.44");
    assertThatThrownBy(() -> PulseSettings.churn(with("pulse.churn.weights", "quiet")))
        .hasMessage("pulse.churn.weights: 'quiet' is not feature:weight pairs separated by ',' like quiet:4.0,complaints:1.5");
    assertThatThrownBy(() -> PulseSettings.churn(with("pulse.churn.weights", "quiet:much,complaints:1")))
        .hasMessage("pulse.churn.weights: weight of quiet is not a number: 'much' (pairs are feature:weight separated by ',')");
    assertThatThrownBy(() -> PulseSettings.churn(with("pulse.churn.weights", "quiet: 4.0, complaints:1")))
        .hasMessage("pulse.churn.weights: weight of quiet is not a number: '4.0, complaints:1' (pairs are feature:weight"
            + " separated by ',')");
  }

  /** What the table shows as a default is what the option's default is, read back through Flink. */
  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void everyDefaultInTheTableReadsBackAsTheDefault() {
    List<String> rows = OptionsTable.markdown().lines().toList();
    int checked = 0;
    for (ConfigOption option : PulseOptions.all()) {
      if (!option.hasDefaultValue()) {
        continue;
      }
      String row = rows.stream().filter(line -> line.startsWith("| `" + option.key() + "` |")).findFirst().orElseThrow();
      String shown = row.split(" \\| ")[2];
      assertThat(shown).as(option.key()).startsWith("`").endsWith("`");
      Configuration conf = with(option.key(), shown.substring(1, shown.length() - 1));
      assertThat(conf.get(option)).as(option.key()).isEqualTo(option.defaultValue());
      checked++;
    }
    assertThat(checked).isEqualTo(101);
    assertThat(rows).contains("| `pulse.churn.weights` | `PULSE_CHURN_WEIGHTS` | `quiet:4.0,inactivity:1.0,p_dead:0.25,"
        + "engagement_drop:0.5,complaints:1.0,unresolved:1.0,low_satisfaction:1.0,detractor:0.8,abandoned_carts:0.5,"
        + "refund_rate:0.8` | Weights of the churn model's features, a map: feature:weight pairs separated by ','; features"
        + " left out weigh 0. The features are described in docs/features.md; 'pulse fit churn' learns them (docs/churn.md). |");
    assertThat(rows).contains("| `pulse.churn.calibration` | `PULSE_CHURN_CALIBRATION` | `1.0;0.0` | Platt calibration slope;offset"
        + " of the churn model: risk = 1 / (1 + e^-(slope * z + offset)) with z = intercept + sum of weight * feature. 1;0 leaves"
        + " z as it is; 'pulse fit churn' fits it on a later window than the weights. A list: separated by ';' (or ','). |");
  }
}
