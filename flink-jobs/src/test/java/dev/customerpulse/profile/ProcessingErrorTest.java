package dev.customerpulse.profile;

import static dev.customerpulse.engine.TestEvents.DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.engine.ProfileLogic;
import dev.customerpulse.engine.ProfileUpdate;
import dev.customerpulse.engine.TestLogic;
import dev.customerpulse.identity.HandoffRecords;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.DeadLetterLimits;
import dev.customerpulse.ingest.DeadLetterSettings;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.ingest.ProcessingErrorBudget;
import dev.customerpulse.scoring.BgNbdParameters;
import dev.customerpulse.scoring.ChurnModel;
import dev.customerpulse.scoring.ClvModel;
import dev.customerpulse.scoring.ClvSettings;
import dev.customerpulse.scoring.ProfileScorer;
import dev.customerpulse.scoring.RfmSettings;
import dev.customerpulse.state.CustomerState;
import dev.customerpulse.state.CustomerStateSerializer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An unexpected exception in the engine for one event or timer, on the operator and RocksDB: the
 * event or timer becomes a PROCESSING_ERROR dead letter, the customer's state stays as it was before
 * it (whether the write-back cache held it changed, unchanged, or not at all), the job goes on, and
 * too many such errors within a minute fail it. The genuine fault: BG/NBD parameters with a tiny alpha
 * (a bad fit) make the hypergeometric series for a buyer's lifetime value not converge.
 */
@Timeout(60)
class ProcessingErrorTest {
  /**
   * Lifetime value of a buyer in their first weeks throws ArithmeticException: with alpha 1e-6 and a
   * horizon of 100 years the series 2F1 converges too slowly (z within 1e-4 of 1).
   */
  static final ProfileLogic DIVERGING_CLV = diverging();

  private static ProfileLogic diverging() {
    ProfileLogic d = TestLogic.DEFAULTS;
    ClvSettings s = ClvSettings.defaults();
    ClvSettings clv = new ClvSettings(new BgNbdParameters(0.243, 1e-6, 0.793, 2.426), s.gammaGamma(), s.timeUnit(),
        java.time.Duration.ofDays(36_500),
        s.annualDiscountRate(), s.moneyUnitMinor());
    return new ProfileLogic(d.tiers(), d.features(), new ProfileScorer(RfmSettings.defaults(), new ClvModel(clv), ChurnModel.defaults()),
        d.rescoreInterval(), d.customerRetention(), d.anonymousRetention(), d.dedupHorizon(), d.maxCustomersPerAnonymousId(),
        d.handoffTopic(), d.lifecycle(), d.alerts(), d.privacy());
  }

  private static ProfileHarness.Operator harness(ProfileLogic logic, int cacheCustomers, DeadLetterSettings settings,
      long injectEvery) throws Exception {
    var harness = new ProfileHarness.Operator(new CustomerProfileOperator(new CustomerProfileFunction(logic, settings, injectEvery),
        cacheCustomers), 1, 0);
    harness.setStateBackend(new EmbeddedRocksDBStateBackend());
    harness.setup();
    harness.open();
    return harness;
  }

  private static void send(ProfileHarness.Operator harness, CustomerEvent event) throws Exception {
    harness.processElement(event, event.eventTime);
  }

  private static byte[] bytes(CustomerState state) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(256);
    CustomerStateSerializer.INSTANCE.serialize(state, out);
    return out.getCopyOfBuffer();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static CustomerEvent view(String key, String id, long time) {
    return new CustomerEvent(key, id, EventKind.PAGE_VIEW, time, time + 5, 0, null);
  }

  private static CustomerEvent paid(String key, String id, long time) {
    return new CustomerEvent(key, id, EventKind.ORDER_PAID, time, time + 5, 2_500, "EUR");
  }

  /** "dirty": the cache holds ann's state with changes not yet in RocksDB; "clean": written back; "none": no cache. */
  @ParameterizedTest
  @ValueSource(strings = {"dirty", "clean", "none"})
  void anEventTheEngineThrowsOnIsADeadLetterAndLeavesTheCustomerAsBeforeIt(String cache) throws Exception {
    int cached = cache.equals("none") ? 0 : 100;
    var failing = harness(DIVERGING_CLV, cached, DeadLetterSettings.DEFAULTS, 0);
    var reference = harness(DIVERGING_CLV, cached, DeadLetterSettings.DEFAULTS, 0);
    try {
      send(failing, view("ann", "v1", DAY));
      send(reference, view("ann", "v1", DAY));
      if (cache.equals("clean")) {
        failing.writeBack();
      }
      CustomerEvent order = paid("ann", "o1", DAY + 1_000);
      send(failing, order);
      send(failing, view("ann", "v2", DAY + 2_000));
      send(reference, view("ann", "v2", DAY + 2_000));

      List<DeadLetter> letters = ProfileHarness.sideOutput(failing, ProfileOutputs.DEAD_LETTERS);
      assertThat(letters).hasSize(1);
      DeadLetter letter = letters.get(0);
      byte[] encoded = HandoffRecords.encode(order);
      assertThat(letter.getReason()).isEqualTo("PROCESSING_ERROR");
      assertThat(letter.getException()).isEqualTo(
          "java.lang.ArithmeticException: 2F1(0.243, 2.426; 2.2190000000000003; 0.9999999998082191) did not converge");
      assertThat(letter.getDetail()).isEqualTo("unexpected ArithmeticException while applying event o1 (ORDER_PAID) to ann: a"
          + " fault in the job, not a known input problem; the customer's state is as before the event, and the value is the"
          + " event as on customer-handoffs, where pulse dlq re-publishes it");
      assertThat(letter.getOperator()).isEqualTo("customer profile");
      assertThat(letter.getSourceTopic()).isEqualTo("customer-handoffs");
      assertThat(letter.getSourcePartition()).isEqualTo(-1);
      assertThat(letter.getSourceOffset()).isEqualTo(-1L);
      assertThat(letter.getSourceTimestamp()).isEqualTo(Instant.ofEpochMilli(DAY + 1_005));
      assertThat(new String(bytes(letter.getKey()), StandardCharsets.UTF_8)).isEqualTo("ann");
      assertThat(HandoffRecords.decode(bytes(letter.getValue()))).isEqualTo(order);
      assertThat(letter.getOriginalValueSize()).isEqualTo(encoded.length);
      assertThat(letter.getOriginalValueSha256()).isEqualTo(sha256(encoded));
      assertThat(letter.getTruncated()).isFalse();

      // The failed order left no trace: ann is what she is without it (no order, its id not remembered).
      assertThat(bytes(ProfileHarness.stateOf(failing, "ann"))).isEqualTo(bytes(ProfileHarness.stateOf(reference, "ann")));
      assertThat(ProfileHarness.stateOf(failing, "ann").orders).isZero();
      assertThat(failing.extractOutputValues()).extracting(u -> u.customerId).containsExactly("ann", "ann");
    } finally {
      failing.close();
      reference.close();
    }
  }

  @Test
  void aTimerTheEngineThrowsOnIsADeadLetterAndIsSetAgainOneRescoreIntervalPastTheWatermarkNotAtOnce() throws Exception {
    // Ann bought while the model was sound; the job restarts with parameters that diverge for her.
    var sound = harness(TestLogic.DEFAULTS, 100, DeadLetterSettings.DEFAULTS, 0);
    send(sound, paid("ann", "o1", DAY));
    long due = ProfileHarness.stateOf(sound, "ann").pendingTimer;
    assertThat(due).isEqualTo(2 * DAY);
    OperatorSubtaskState checkpoint = sound.snapshot(1, 1);
    sound.close();

    var harness = new ProfileHarness.Operator(new CustomerProfileOperator(new CustomerProfileFunction(DIVERGING_CLV,
        DeadLetterSettings.DEFAULTS, 0), 100), 1, 0);
    harness.setStateBackend(new EmbeddedRocksDBStateBackend());
    harness.setup();
    harness.initializeState(checkpoint);
    harness.open();
    try {
      CustomerState before = ProfileHarness.stateOf(harness, "ann");
      harness.processWatermark(3 * DAY);
      List<DeadLetter> letters = ProfileHarness.sideOutput(harness, ProfileOutputs.DEAD_LETTERS);
      assertThat(letters).hasSize(1);
      DeadLetter letter = letters.get(0);
      assertThat(letter.getReason()).isEqualTo("PROCESSING_ERROR");
      assertThat(letter.getException()).startsWith("java.lang.ArithmeticException: 2F1(");
      assertThat(letter.getDetail()).isEqualTo("unexpected ArithmeticException in the timer of ann at 1970-01-03T00:00:00Z: a"
          + " fault in the job; the customer's state is as before the timer, which fires again at 1970-01-05T00:00:00Z");
      assertThat(letter.getOperator()).isEqualTo("customer profile");
      assertThat(new String(bytes(letter.getKey()), StandardCharsets.UTF_8)).isEqualTo("ann");
      assertThat(letter.getValue()).isNull();
      assertThat(letter.getSourceTimestamp()).isEqualTo(Instant.ofEpochMilli(2 * DAY));

      // As before the timer, but for the timer set again: one interval past the watermark.
      CustomerState after = ProfileHarness.stateOf(harness, "ann");
      before.pendingTimer = 4 * DAY;
      assertThat(bytes(after)).isEqualTo(bytes(before));
      assertThat(harness.numEventTimeTimers()).isEqualTo(1);
      assertThat(harness.extractOutputValues()).isEmpty();

      // No livelock: the same watermark fires nothing more; the next interval fails once more.
      harness.processWatermark(3 * DAY + 1);
      assertThat(ProfileHarness.sideOutput(harness, ProfileOutputs.DEAD_LETTERS)).hasSize(1);
      harness.processWatermark(4 * DAY);
      assertThat(ProfileHarness.sideOutput(harness, ProfileOutputs.DEAD_LETTERS)).hasSize(2);
      assertThat(ProfileHarness.stateOf(harness, "ann").pendingTimer).isEqualTo(5 * DAY);
      assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    } finally {
      harness.close();
    }
  }

  @Test
  void theTestHookFailsEveryThirdEventOfTheSubtaskAndTheOthersApply() throws Exception {
    var harness = harness(TestLogic.DEFAULTS, 100, DeadLetterSettings.DEFAULTS, 3);
    try {
      send(harness, view("ann", "e1", DAY));
      send(harness, view("bob", "e2", DAY));
      send(harness, view("ann", "e3", DAY + 1));
      send(harness, view("ann", "e4", DAY + 2));

      assertThat(harness.extractOutputValues()).extracting(u -> u.customerId + " " + u.profile.pageViews)
          .containsExactly("ann 1", "bob 1", "ann 2");
      List<DeadLetter> letters = ProfileHarness.sideOutput(harness, ProfileOutputs.DEAD_LETTERS);
      assertThat(letters).extracting(DeadLetter::getReason, DeadLetter::getException).containsExactly(
          org.assertj.core.groups.Tuple.tuple("PROCESSING_ERROR",
              "dev.customerpulse.profile.InjectedFault: pulse.test.inject-exception-every=3: event 3 of this subtask (e3)"));
      assertThat(HandoffRecords.decode(bytes(letters.get(0).getValue())).eventId).isEqualTo("e3");
    } finally {
      harness.close();
    }
  }

  @Test
  void oneProcessingErrorMoreThanAllowedWithinAMinuteFailsTheTaskNamingTheSetting() throws Exception {
    var harness = harness(TestLogic.DEFAULTS, 100, new DeadLetterSettings(DeadLetterLimits.DEFAULTS, 2), 1);
    try {
      send(harness, view("ann", "e1", DAY));
      harness.setProcessingTime(59_999);
      send(harness, view("ann", "e2", DAY));
      assertThat(ProfileHarness.sideOutput(harness, ProfileOutputs.DEAD_LETTERS)).hasSize(2);
      assertThatThrownBy(() -> send(harness, view("ann", "e3", DAY)))
          .isInstanceOf(ProcessingErrorBudget.TooManyProcessingErrors.class)
          .hasMessage("customer profile (subtask 0 of 1): 3 PROCESSING_ERROR dead letters within a minute, more than"
              + " pulse.dead-letters.max-processing-errors (2); the job fails rather than dead-letter the stream. Latest:"
              + " dev.customerpulse.profile.InjectedFault: pulse.test.inject-exception-every=1: event 3 of this subtask (e3)."
              + " Fix the cause (the dead letters name the exception) or raise the setting");
    } finally {
      harness.close();
    }
  }
}
