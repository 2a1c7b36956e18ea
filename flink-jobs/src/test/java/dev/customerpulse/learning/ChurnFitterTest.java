package dev.customerpulse.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customerpulse.job.PulseSettings;
import dev.customerpulse.scoring.ChurnFeature;
import dev.customerpulse.scoring.fit.OrderHistoryCsv;
import dev.customerpulse.scoring.fit.Transaction;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class ChurnFitterTest {
  private static final Path ORDERS = Path.of("src/test/resources/churn/small_orders.csv");
  private static final long END = LocalDate.parse("2020-12-31").toEpochDay();
  private static final long DAY = 86_400_000L;

  private static ChurnFit fit(List<Transaction> purchases) {
    return ChurnFitter.fit(purchases, PulseSettings.JobLogic.from(new Configuration()).profile(), END, 60, 2, 30);
  }

  @Test
  void choosesThePenaltyByValidationLikelihoodAndCalibratesOnTheValidationWindow() throws Exception {
    ChurnFit fit = fit(OrderHistoryCsv.readCsv(ORDERS, "customer_id", "time", "amount"));
    assertThat(fit.training()).extracting(ChurnFit.Window::cutOff).containsExactly("2020-09-02", "2020-10-02");
    assertThat(fit.validation().cutOff()).isEqualTo("2020-11-01");
    assertThat(fit.validation().end()).isEqualTo("2020-12-31");
    double best = fit.candidates().stream().mapToDouble(ChurnFit.Candidate::validationLogLikelihood).max().orElseThrow();
    assertThat(fit.candidates()).filteredOn(c -> c.penalty() == fit.penalty()).singleElement()
        .extracting(ChurnFit.Candidate::validationLogLikelihood).isEqualTo(best);
    // Platt scaling is fitted by maximum likelihood on the validation window, so it cannot do worse there.
    assertThat(fit.calibratedValidationLogLikelihood()).isGreaterThanOrEqualTo(best);
    assertThat(fit.silent()).containsExactly(ChurnFeature.COMPLAINTS, ChurnFeature.UNRESOLVED, ChurnFeature.LOW_SATISFACTION,
        ChurnFeature.DETRACTOR, ChurnFeature.ABANDONED_CARTS, ChurnFeature.REFUND_RATE);
    assertThat(fit.weights().get(ChurnFeature.COMPLAINTS)).isZero();
  }

  @Test
  void purchasesAfterTheLastDayDoNotChangeTheFit() throws Exception {
    List<Transaction> purchases = OrderHistoryCsv.readCsv(ORDERS, "customer_id", "time", "amount");
    List<Transaction> more = new ArrayList<>(purchases);
    for (Transaction t : purchases) {
      more.add(new Transaction(t.customerId(), (END + 1) * DAY + t.timeMillis() % (30 * DAY), 1_000));
    }
    assertThat(fit(more)).isEqualTo(fit(purchases));
  }

  @Test
  void aHistoryTooShortForItsWindowsIsOneLine() throws Exception {
    List<Transaction> purchases = OrderHistoryCsv.readCsv(ORDERS, "customer_id", "time", "amount");
    assertThatThrownBy(() -> ChurnFitter.fit(purchases, PulseSettings.JobLogic.from(new Configuration()).profile(),
        LocalDate.parse("2020-02-01").toEpochDay(), 60, 2, 30))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("the training windows (cut-offs before 2019-12-03)");
  }
}
