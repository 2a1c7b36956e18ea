package dev.customerpulse.engine;

import static dev.customerpulse.engine.TestEvents.DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.customerpulse.avro.PrivacyOutcome;
import dev.customerpulse.avro.PrivacyReceipt;
import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.identity.HandoffRecords;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.ingest.EventMapper;
import dev.customerpulse.privacy.PrivacyPolicy;
import dev.customerpulse.privacy.Pseudonymizer;
import dev.customerpulse.state.CustomerState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Erasure on the engine: a customer with a linked visitor, a merged id and an email is erased by
 * their email; every key goes, markers drop what is replayed, and the markers expire. The test plays
 * the customer-handoffs topic (encoded as on the topic, fed back until none are left).
 */
class ErasureTest {
  private static final long T0 = 1_767_225_600_000L; // 2026-01-01
  private static final long NOW = 1_780_000_000_000L; // processing time of the erasure
  private static final String EMAIL = "pii1:AAAAAAAAAAAAAAAAAAAAAA";
  static final Pseudonymizer SECRET = new Pseudonymizer("erasure-test-secret-0123456789");
  static final ProfileLogic LOGIC = TestLogic.DEFAULTS.withPrivacy(PrivacyPolicy.DEFAULTS.withErasedIds(SECRET));
  private EngineDriver engine;
  private int sequence;

  @BeforeEach
  void open() {
    engine = new EngineDriver(LOGIC);
    engine.setProcessingTime(NOW);
  }

  private CustomerEvent event(String key, EventKind kind, long time) {
    return new CustomerEvent(key, "e" + (++sequence), kind, time, time, 0, null);
  }

  private void send(CustomerEvent event) throws Exception {
    engine.processElement(event);
  }

  /** Feeds handoffs back in, through their Kafka encoding, until none are left. */
  private void loop() throws Exception {
    while (!engine.handoffs.isEmpty()) {
      List<CustomerEvent> batch = new ArrayList<>(engine.handoffs);
      engine.handoffs.clear();
      for (CustomerEvent handoff : batch) {
        send(HandoffRecords.decode(HandoffRecords.encode(handoff)));
      }
    }
  }

  private CustomerEvent request(String key, EventKind kind, String requestId, long time) {
    return new CustomerEvent(key, "privacy/" + requestId, kind, time, time, 0, null).withRequest(requestId, "dpo@shop");
  }

  /** ann: a visitor who logged in, an email, a merged second account, and an order. */
  private void ann() throws Exception {
    send(event("anon:d1", EventKind.PAGE_VIEW, T0));
    CustomerEvent login = event("ann", EventKind.LOGIN, T0 + 60_000);
    login.otherKey = "anon:d1";
    send(login);
    send(EventMapper.linkOf(login));
    CustomerEvent identify = event("ann", EventKind.IDENTIFY, T0 + 120_000).withIdentity(null, EMAIL, null, Long.MIN_VALUE);
    send(identify);
    send(new CustomerEvent("ann-old", "o1", EventKind.ORDER_PAID, T0 + DAY, T0 + DAY, 60_000, "EUR"));
    CustomerEvent merge = event("ann-old", EventKind.MERGE, T0 + 2 * DAY);
    merge.otherKey = "ann";
    send(merge);
    loop();
  }

  @Test
  void erasingByEmailReachesTheCustomerAndEveryKeyTiedToThem() throws Exception {
    ann();
    assertThat(engine.stateOf("ann").aliases).containsExactly("ann-old", "anon:d1", "pii:" + EMAIL);
    assertThat(engine.stateOf("pii:" + EMAIL).linkedCustomers).containsExactly("ann");
    engine.updates.clear();
    engine.segmentChanges.clear();

    long requested = T0 + 3 * DAY;
    send(request("pii:" + EMAIL, EventKind.ERASE, "r-1", requested));
    loop();

    assertThat(engine.receipts).extracting(PrivacyReceipt::getRequestId, PrivacyReceipt::getType, PrivacyReceipt::getSubject,
        PrivacyReceipt::getOutcome, PrivacyReceipt::getForwardedTo, PrivacyReceipt::getRemovedKeys).containsExactly(
        tuple("r-1", "ERASE", EMAIL, PrivacyOutcome.RESOLVED, List.of("ann"), List.of()),
        tuple("r-1", "ERASE", "ann", PrivacyOutcome.ERASED, List.of(), List.of("ann", "ann-old", "anon:d1", "pii:" + EMAIL)));
    PrivacyReceipt erased = engine.receipts.get(1);
    assertThat(erased.getRemovedRedis()).containsExactly("profile:{ann}", "segment:tier:high", "segment:lifecycle:new",
        "segment:rfm:potential_loyalist", "rank:churn-risk");
    assertThat(erased.getRemovedRecords()).containsExactly("customer-profiles:ann");
    assertThat(erased.getProcessedAt()).isEqualTo(Instant.ofEpochMilli(NOW));
    assertThat(erased.getCopiesGoneBy()).isEqualTo(Instant.ofEpochMilli(NOW + 14 * DAY));
    assertThat(erased.getRequestedBy()).isEqualTo("dpo@shop");
    assertThat(engine.updates).extracting(u -> u.customerId, u -> u.deleted).containsExactly(tuple("ann", true));
    assertThat(engine.segmentChanges).extracting(SegmentChange::getSegment, c -> c.getChange().name())
        .containsExactlyInAnyOrder(tuple("tier:high", "EXITED"), tuple("lifecycle:new", "EXITED"),
            tuple("rfm:potential_loyalist", "EXITED"));
    assertThat(engine.alertStreamPurges).containsExactly("ann");

    // No keyed state and no timer is left: only markers, each the keyed hash of an id and its erasure time.
    assertThat(engine.keys()).isEmpty();
    assertThat(engine.timerCount()).isZero();
    assertThat(engine.erasureMarkers()).containsOnly(entry(SECRET.keyedHash64("ERASED-ID", "ann"), requested),
        entry(SECRET.keyedHash64("ERASED-ID", "ann-old"), requested), entry(SECRET.keyedHash64("ERASED-ID", "anon:d1"), requested));
    assertThat(engine.count(EngineMetric.CUSTOMERS_ERASED)).isEqualTo(1);
    assertThat(engine.count(EngineMetric.ALIASES_ERASED)).isEqualTo(2);
  }

  @Test
  void replayedEventsAreDroppedANewSignUpIsANewCustomerAndTheMarkersExpire() throws Exception {
    ann();
    long requested = T0 + 3 * DAY;
    send(request("ann", EventKind.ERASE, "r-2", requested));
    loop();
    engine.updates.clear();

    // The old events, replayed (a restore, a re-published topic): nothing comes back.
    send(new CustomerEvent("ann-old", "o1", EventKind.ORDER_PAID, T0 + DAY, T0 + DAY, 60_000, "EUR"));
    send(event("anon:d1", EventKind.PAGE_VIEW, T0));
    send(event("ann", EventKind.PAGE_VIEW, T0 + 2 * DAY));
    loop();
    assertThat(engine.updates).isEmpty();
    assertThat(engine.count(EngineMetric.ERASED_EVENTS_DROPPED)).isEqualTo(3);
    assertThat(engine.keys()).isEmpty();

    // The same request again, and an export: nothing is held.
    send(request("ann", EventKind.ERASE, "r-2b", requested + 1));
    send(request("ann", EventKind.EXPORT, "r-3", requested + 2));
    assertThat(engine.receipts.subList(1, 3)).extracting(PrivacyReceipt::getOutcome)
        .containsExactly(PrivacyOutcome.NOT_FOUND, PrivacyOutcome.NOT_FOUND);

    // Someone signs up with the id after the erasure: a new customer, from nothing.
    send(event("ann", EventKind.PAGE_VIEW, requested + DAY));
    assertThat(engine.stateOf("ann").pageViews).isEqualTo(1);
    assertThat(engine.stateOf("ann").orders).isZero();
    assertThat(engine.updates).extracting(u -> u.customerId, u -> u.profile.version).containsExactly(tuple("ann", 1L));

    // A replay still drops what came before the erasure, for the new ann too.
    send(event("ann", EventKind.ORDER_PAID, T0 + 2 * DAY));
    assertThat(engine.stateOf("ann").orders).isZero();

    // The markers go after pulse.privacy.erasure-marker-retention (35 days) of event time.
    engine.processWatermark(requested + 35 * DAY - 1);
    assertThat(engine.erasureMarkers()).hasSize(3);
    engine.processWatermark(requested + 35 * DAY);
    assertThat(engine.erasureMarkers()).isEmpty();
  }

  @Test
  void aRequestForSomeoneNeverSeenIsAnsweredAndLeavesNoState() throws Exception {
    send(request("nobody", EventKind.ERASE, "r-4", T0));
    send(request("pii:" + EMAIL, EventKind.ERASE, "r-5", T0));
    assertThat(engine.receipts).extracting(PrivacyReceipt::getSubject, PrivacyReceipt::getOutcome, PrivacyReceipt::getForwardedTo)
        .containsExactly(tuple("nobody", PrivacyOutcome.NOT_FOUND, List.of()), tuple(EMAIL, PrivacyOutcome.RESOLVED, List.of()));
    assertThat(engine.keys()).isEmpty();
    assertThat(engine.timerCount()).isZero();
    assertThat(engine.handoffs).isEmpty();
  }
}
