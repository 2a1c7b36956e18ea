package dev.customerpulse.engine;



import static dev.customerpulse.engine.TestEvents.DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.customerpulse.avro.AlertPriority;
import dev.customerpulse.avro.ChurnAlert;
import dev.customerpulse.features.FeatureSettings;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.scoring.ChurnFeature;
import dev.customerpulse.scoring.ChurnModel;
import dev.customerpulse.scoring.ClvModel;
import dev.customerpulse.scoring.ClvSettings;
import dev.customerpulse.scoring.ProfileScorer;
import dev.customerpulse.scoring.RfmSettings;
import dev.customerpulse.segments.ChurnAlertPolicy;
import dev.customerpulse.segments.LifecyclePolicy;
import dev.customerpulse.segments.ValueTierPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Churn alerts with a model whose arithmetic the test can follow: z = 3 × complaints_90d / 3, so
 * each complaint in 90 days adds 1 to the log-odds (risk 0.5, 0.7311, 0.8808, ...); alerts fire at
 * 0.7 and clear below 0.6.
 */
class ChurnAlertsTest {
  private static final ProfileLogic LOGIC = new ProfileLogic(new ValueTierPolicy(50_000, 200_000), FeatureSettings.defaults(),
      new ProfileScorer(RfmSettings.defaults(), new ClvModel(ClvSettings.defaults()),
          new ChurnModel(0.0, Map.of(ChurnFeature.COMPLAINTS, 3.0))),
      Duration.ofDays(1), Duration.ofDays(730), Duration.ofDays(30), Duration.ofDays(7), 3, "customer-handoffs",
      LifecyclePolicy.defaults(), new ChurnAlertPolicy(0.7, 0.6, Duration.ofDays(7)), dev.customerpulse.privacy.PrivacyPolicy.DEFAULTS);
  private EngineDriver engine;
  private final Unread<ChurnAlert> alerts = new Unread<>(() -> engine.churnAlerts);
  private int sequence;

  @BeforeEach
  void open() throws Exception {
    engine = new EngineDriver(LOGIC);
  }


  private void complaint(String customer, long time) throws Exception {
    engine.processElement(new CustomerEvent(customer, "s" + ++sequence, EventKind.SERVICE_CALL, time, time, 0, null)
        .withServiceOutcome(true, true, 0, -1), time);
  }

  private void paid(String customer, long time, long amount) throws Exception {
    engine.processElement(new CustomerEvent(customer, "o" + ++sequence, EventKind.ORDER_PAID, time, time, amount, "EUR"), time);
  }

  private List<ChurnAlert> alerts() {
    return alerts.take();
  }

  private void daysPass(long fromDay, long toDay) throws Exception {
    for (long day = fromDay; day <= toDay; day++) {
      engine.processWatermark(day * DAY);
    }
  }

  @Test
  void anAlertFiresOnceWhenRiskCrossesAndCarriesItsReasonsAndPriority() throws Exception {
    paid("vip", 9 * DAY, 250_000);
    assertThat(alerts()).isEmpty();

    complaint("vip", 10 * DAY);
    List<ChurnAlert> first = alerts();
    assertThat(first).singleElement().satisfies(alert -> {
      assertThat(alert.getAlertId()).isEqualTo("vip/2");
      assertThat(alert.getCustomerId()).isEqualTo("vip");
      assertThat(alert.getEventTime().toEpochMilli()).isEqualTo(10 * DAY);
      assertThat(alert.getChurnRisk()).isCloseTo(1 / (1 + Math.exp(-1)), org.assertj.core.data.Offset.offset(1e-12));
      assertThat(alert.getThreshold()).isEqualTo(0.7);
      assertThat(alert.getPriority()).isEqualTo(AlertPriority.CRITICAL);
      assertThat(alert.getValueTier()).isEqualTo("vip");
      assertThat(alert.getReasons()).extracting(r -> r.getFeature(), r -> r.getValue(), r -> r.getContribution())
          .containsExactly(tuple("complaints", 1.0 / 3, 1.0));
      assertThat(alert.getModelVersion()).isEqualTo(LOGIC.scorer().modelVersion());
    });

    complaint("vip", 11 * DAY);
    daysPass(12, 100);
    assertThat(alerts()).as("risk rose further, but the alert is active: nothing new").isEmpty();
  }

  @Test
  void anAlertClearsBelowTheLowerLevelAndFiresAgainOnlyAfterTheCooldown() throws Exception {
    complaint("bob", 10 * DAY);
    assertThat(alerts()).hasSize(1);
    daysPass(11, 101);
    assertThat(alerts()).isEmpty();
    // Day 101: the complaint left the 90-day window, risk 0.5 < 0.6: cleared, silently.
    complaint("bob", 102 * DAY);
    assertThat(alerts()).as("cleared and crossed again 92 days after the last alert")
        .extracting(ChurnAlert::getEventTime).extracting(t -> t.toEpochMilli() / DAY).containsExactly(102L);

    daysPass(103, 193);
    complaint("bob", 195 * DAY);
    assertThat(alerts()).as("cleared on day 193, crossed on day 195: more than 7 days after day 102").hasSize(1);
  }

  @Test
  void withinTheCooldownAClearedAlertDoesNotFireAgain() throws Exception {
    ProfileLogic quick = new ProfileLogic(LOGIC.tiers(), LOGIC.features(), LOGIC.scorer(), LOGIC.rescoreInterval(),
        LOGIC.customerRetention(), LOGIC.anonymousRetention(), LOGIC.dedupHorizon(), 3, "customer-handoffs",
        LOGIC.lifecycle(), new ChurnAlertPolicy(0.7, 0.6, Duration.ofDays(200)), dev.customerpulse.privacy.PrivacyPolicy.DEFAULTS);
    engine = new EngineDriver(quick);
    alerts.restart();

    complaint("cat", 10 * DAY);
    daysPass(11, 101);
    complaint("cat", 102 * DAY);
    assertThat(alerts()).as("the second crossing is within 200 days of the first alert").hasSize(1);
    daysPass(103, 210);
    complaint("cat", 211 * DAY);
    assertThat(alerts()).as("cooldown over (200 days after day 10)").extracting(ChurnAlert::getEventTime)
        .extracting(t -> t.toEpochMilli() / DAY).containsExactly(211L);
  }

  @Test
  void alertsNameTheirPurposeAndNeedIt() throws Exception {
    complaint("dan", 10 * DAY);
    assertThat(alerts()).extracting(ChurnAlert::getPurpose).containsExactly("marketing_email");

    engine.processElement(new CustomerEvent("eve", "c" + ++sequence, EventKind.CONSENT, 9 * DAY, 9 * DAY, 0, null)
        .withConsent("marketing_email", false, "unsubscribe-link"));
    complaint("eve", 10 * DAY);
    assertThat(alerts()).as("eve withdrew the purpose churn alerts need").isEmpty();
    assertThat(engine.stateOf("eve").churnAlertActive).as("raised all the same: no alert later for this rise").isTrue();
  }
}
