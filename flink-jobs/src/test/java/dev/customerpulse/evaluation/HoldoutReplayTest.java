package dev.customerpulse.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customerpulse.job.PulseSettings;
import dev.customerpulse.engine.ProfileLogic;
import dev.customerpulse.scoring.BgNbd;
import dev.customerpulse.scoring.BgNbdParameters;
import dev.customerpulse.scoring.fit.Transaction;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class HoldoutReplayTest {
  private static final long DAY = 86_400_000L;
  private static final ProfileLogic LOGIC = PulseSettings.JobLogic.from(new Configuration()).profile();

  private static Transaction buy(String customer, long day, long hour, long amountMinor) {
    return new Transaction(customer, day * DAY + hour * 3_600_000L, amountMinor);
  }

  @Test
  void scoresAtTheCutOffAndCountsHoldoutPurchaseDays() {
    List<Transaction> history = List.of(
        buy("ann", 0, 9, 1_000), buy("ann", 14, 9, 2_000), buy("ann", 28, 23, 3_000),
        // Two purchases on day 40 are one purchase day; day 35 itself is still calibration.
        buy("ann", 40, 8, 500), buy("ann", 40, 18, 700), buy("ann", 50, 12, 900),
        buy("bob", 7, 12, 4_000), buy("bob", 35, 20, 4_000),
        buy("cat", 45, 10, 100),
        buy("dan", 2, 10, 100), buy("dan", 70, 10, 100));

    List<HoldoutCase> cases = HoldoutReplay.run(history, 35 * DAY + 5, 63 * DAY, LOGIC);

    // Only customers who bought by the cut-off are judged: not cat; dan's day-70 purchase is after the holdout.
    assertThat(cases).extracting(HoldoutCase::customerId).containsExactly("ann", "dan", "bob");
    HoldoutCase ann = cases.get(0);
    HoldoutCase dan = cases.get(1);
    HoldoutCase bob = cases.get(2);
    assertThat(ann.holdoutPurchases()).isEqualTo(2);
    assertThat(bob.holdoutPurchases()).isZero();
    assertThat(dan.holdoutPurchases()).isZero();
    assertThat(bob.churned()).isTrue();
    assertThat(ann.churned()).isFalse();

    // Weeks: ann x=2, tx=4, T=5; bob x=1, tx=4, T=4; holdout 28 days = 4 weeks.
    BgNbdParameters bg = BgNbdParameters.CDNOW;
    assertThat(ann.probabilityDead()).isEqualTo(1 - BgNbd.probabilityAlive(bg, 2, 4, 5));
    assertThat(ann.expectedHoldoutPurchases()).isEqualTo(BgNbd.expectedPurchases(bg, 4, 2, 4, 5));
    assertThat(bob.probabilityDead()).isEqualTo(1 - BgNbd.probabilityAlive(bg, 1, 4, 4));
    assertThat(dan.probabilityDead()).isZero();
    assertThat(dan.expectedHoldoutPurchases()).isEqualTo(BgNbd.expectedPurchases(bg, 4, 0, 0, 33.0 / 7));
    // dan bought once, 33 days ago: slower and quieter than ann, who bought three times in a month.
    assertThat(dan.churnRisk()).isGreaterThan(ann.churnRisk());
  }

  @Test
  void theHoldoutMustEndAfterTheCutOff() {
    assertThatThrownBy(() -> HoldoutReplay.run(List.of(buy("ann", 0, 0, 1)), 10 * DAY, 10 * DAY + 5, LOGIC))
        .hasMessage("the holdout period must end after the calibration period");
  }
}
