package dev.customerpulse.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.customerpulse.scoring.fit.CustomerSummary;
import dev.customerpulse.scoring.fit.ModelFitter;
import dev.customerpulse.scoring.fit.OrderHistoryCsv;
import dev.customerpulse.scoring.fit.Summaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** From raw CDNOW transactions to the published calibration summary and parameter estimates. */
class CdnowFitTest {
  private static final long WEEK = 7 * 86_400_000L;
  private static final long END_OF_CALIBRATION = Instant.parse("1997-09-30T00:00:00Z").toEpochMilli();
  private static List<CustomerSummary> summaries;

  @BeforeAll
  static void summarise() throws Exception {
    summaries = Summaries.at(OrderHistoryCsv.readCdnow(Path.of("src/test/resources/cdnow/CDNOW_sample.txt")),
        END_OF_CALIBRATION, WEEK);
  }

  @Test
  void summariesMatchThePublishedCalibrationDataCustomerByCustomer() throws Exception {
    Map<String, String[]> published = new HashMap<>();
    List<String> lines = Files.readAllLines(Path.of("src/test/resources/cdnow/cdnow_customers_summary_with_transactions.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      published.put(f[0], f);
    }
    // The sample's customer index (column 2) is the summary's ID; map our ids (column 1) through it.
    Map<String, String> indexById = new HashMap<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources/cdnow/CDNOW_sample.txt"))) {
      String[] f = line.trim().split("\\s+");
      indexById.put(f[0], String.valueOf(Integer.parseInt(f[1])));
    }
    assertThat(summaries).hasSize(2_357);
    for (CustomerSummary s : summaries) {
      String[] expected = published.get(indexById.get(s.customerId()));
      assertThat(s.x()).as("x of %s", s.customerId()).isEqualTo(Double.parseDouble(expected[1]));
      assertThat(s.tx()).as("t_x of %s", s.customerId()).isCloseTo(Double.parseDouble(expected[2]), within(0.005));
      assertThat(s.t()).as("T of %s", s.customerId()).isCloseTo(Double.parseDouble(expected[3]), within(0.005));
      assertThat(s.meanRepeatValue()).as("mean of %s", s.customerId()).isCloseTo(Double.parseDouble(expected[4]), within(0.005));
    }
  }

  @Test
  void bgNbdFitLandsOnThePublishedEstimates() {
    ModelFitter.Fit<BgNbdParameters> fit = ModelFitter.fitBgNbd(summaries);
    assertThat(fit.parameters().r()).isCloseTo(0.242593, within(0.0005));
    assertThat(fit.parameters().alpha()).isCloseTo(4.413532, within(0.005));
    assertThat(fit.parameters().a()).isCloseTo(0.792886, within(0.0005));
    assertThat(fit.parameters().b()).isCloseTo(2.425752, within(0.005));
    assertThat(fit.customers()).isEqualTo(2_357);
  }

  @Test
  void gammaGammaFitLandsOnThePublishedEstimates() {
    ModelFitter.Fit<GammaGammaParameters> fit = ModelFitter.fitGammaGamma(summaries);
    assertThat(fit.customers()).isEqualTo(946);
    assertThat(fit.parameters().p()).isCloseTo(6.25, within(0.05));
    assertThat(fit.parameters().q()).isCloseTo(3.74, within(0.05));
    assertThat(fit.parameters().v()).isCloseTo(15.44, within(0.1));
  }
}
