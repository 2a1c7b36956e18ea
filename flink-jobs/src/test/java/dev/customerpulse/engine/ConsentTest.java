package dev.customerpulse.engine;

import static dev.customerpulse.engine.TestEvents.DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.privacy.ConsentMode;
import dev.customerpulse.privacy.PrivacyPolicy;
import dev.customerpulse.state.Consents;
import dev.customerpulse.state.CustomerState;
import java.time.Duration;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** Consent per purpose, on the engine alone: what a withdrawal takes back and a grant brings back. */
class ConsentTest {
  private static final long T0 = 100 * DAY;
  private static final long HOUR = 3_600_000L;
  private EngineDriver engine;
  private final Unread<SegmentChange> segmentChanges = new Unread<>(() -> engine.segmentChanges);
  private int sequence;

  private void open(PrivacyPolicy policy) {
    engine = new EngineDriver(TestLogic.DEFAULTS.withPrivacy(policy));
  }

  private void consent(String customer, String purpose, boolean granted, long time) throws Exception {
    engine.processElement(new CustomerEvent(customer, "c" + ++sequence, EventKind.CONSENT, time, time, 0, null)
        .withConsent(purpose, granted, "preference-centre"));
  }

  private void paid(String customer, long time, long amount) throws Exception {
    engine.processElement(new CustomerEvent(customer, "o" + ++sequence, EventKind.ORDER_PAID, time, time, amount, "EUR"));
  }

  /** Segment changes since the last call, as (change id, type, from, to, purpose). */
  private List<Tuple> changes() {
    return segmentChanges.take().stream().map(c -> tuple(c.getChangeId(), c.getChange().name(), c.getFromSegment(),
        c.getToSegment(), c.getPurpose())).toList();
  }

  private ProfileUpdate lastUpdate() {
    return engine.updates.get(engine.updates.size() - 1);
  }

  @Test
  void aWithdrawalOfProfilingLeavesEverySegmentAndAGrantBringsTheCustomerBack() throws Exception {
    open(PrivacyPolicy.DEFAULTS);
    paid("ann", T0, 6_000);
    assertThat(changes()).containsExactly(
        tuple("ann/1/tier:normal/entered", "ENTERED", null, "tier:normal", "profiling"),
        tuple("ann/1/lifecycle:new/entered", "ENTERED", null, "lifecycle:new", "profiling"),
        tuple("ann/1/rfm:potential_loyalist/entered", "ENTERED", null, "rfm:potential_loyalist", "profiling"));
    assertThat(lastUpdate().restricted).isFalse();

    consent("ann", "profiling", false, T0 + HOUR);
    assertThat(changes()).containsExactly(
        tuple("ann/2/tier:normal/exited", "EXITED", "tier:normal", null, "profiling"),
        tuple("ann/2/lifecycle:new/exited", "EXITED", "lifecycle:new", null, "profiling"),
        tuple("ann/2/rfm:potential_loyalist/exited", "EXITED", "rfm:potential_loyalist", null, "profiling"));
    ProfileUpdate withdrawn = lastUpdate();
    assertThat(withdrawn.restricted).as("published without scores: Redis keeps id and consents only").isTrue();
    assertThat(withdrawn.profile.version).isEqualTo(2);
    CustomerState kept = engine.stateOf("ann");
    assertThat(kept.orders).isZero();
    assertThat(kept.spendMinor).isZero();
    assertThat(kept.purchases.hasPurchases()).isFalse();
    assertThat(ProfileSegments.all(kept)).isEmpty();
    assertThat(kept.firstSeen).isEqualTo(T0);
    assertThat(kept.lastSeen).as("a consent decision is not activity").isEqualTo(T0);
    assertThat(kept.consents.withdrawn("profiling")).isTrue();

    paid("ann", T0 + 2 * HOUR, 9_000);
    for (long day = 101; day <= 200; day++) {
      engine.processWatermark(day * DAY);
    }
    assertThat(changes()).as("nothing while profiling is withdrawn, whatever arrives or time does").isEmpty();
    assertThat(engine.churnAlerts).isEmpty();
    assertThat(engine.updates.subList(2, engine.updates.size())).allMatch(u -> u.restricted);
    assertThat(engine.stateOf("ann").orders).as("the new order is not kept either").isZero();

    consent("ann", "profiling", true, 200 * DAY + HOUR);
    long version = engine.stateOf("ann").version;
    assertThat(changes()).as("back, with what was kept: a customer without orders").containsExactly(
        tuple("ann/" + version + "/tier:new/entered", "ENTERED", null, "tier:new", "profiling"),
        tuple("ann/" + version + "/lifecycle:dormant/entered", "ENTERED", null, "lifecycle:dormant", "profiling"));
    assertThat(version).as("one version per event; timers do not rescore a restricted customer").isEqualTo(4);
    assertThat(engine.updates).as("the order, the withdrawal, the restricted order, the grant").hasSize(4);
    assertThat(lastUpdate().restricted).isFalse();
    assertThat(ProfileSegments.all(lastUpdate().profile)).as("last seen 100 days ago: dormant")
        .containsExactly("tier:new", "lifecycle:dormant");
  }

  @Test
  void inOptInModeNothingIsPublishedBeforeTheProfilingGrant() throws Exception {
    open(PrivacyPolicy.DEFAULTS.withMode(ConsentMode.OPT_IN));
    paid("bob", T0, 6_000);
    consent("bob", "marketing_email", true, T0 + HOUR);
    assertThat(changes()).isEmpty();
    assertThat(engine.updates).hasSize(2).allMatch(u -> u.restricted);
    assertThat(lastUpdate().profile.consents.grantedPurposes()).containsExactly("marketing_email");

    consent("bob", "profiling", true, T0 + 2 * HOUR);
    assertThat(changes()).containsExactly(
        tuple("bob/3/tier:new/entered", "ENTERED", null, "tier:new", "profiling"),
        tuple("bob/3/lifecycle:new/entered", "ENTERED", null, "lifecycle:new", "profiling"));
    paid("bob", T0 + 3 * HOUR, 6_000);
    assertThat(changes()).containsExactly(
        tuple("bob/4/tier:new/exited", "EXITED", "tier:new", "tier:normal", "profiling"),
        tuple("bob/4/tier:normal/entered", "ENTERED", "tier:new", "tier:normal", "profiling"),
        tuple("bob/4/rfm:potential_loyalist/entered", "ENTERED", null, "rfm:potential_loyalist", "profiling"));
  }

  @Test
  void aConsentForACustomerWithoutStateCreatesThem() throws Exception {
    open(PrivacyPolicy.DEFAULTS.withMode(ConsentMode.OPT_IN));
    consent("cat", "marketing_sms", true, T0);
    assertThat(engine.count(EngineMetric.CUSTOMERS_CREATED)).isEqualTo(1);
    assertThat(lastUpdate().restricted).isTrue();
    assertThat(engine.stateOf("cat").consents).isEqualTo(Consents.NONE.with("marketing_sms", true, T0, "preference-centre"));
  }

  @Test
  void segmentChangesNeedTheirOwnPurposeWhenItIsNotProfiling() throws Exception {
    open(new PrivacyPolicy(ConsentMode.OPT_OUT, PrivacyPolicy.DEFAULT_PURPOSES, "profiling", "marketing_push",
        "marketing_email", "marketing_email", Duration.ofDays(35), Duration.ofDays(14), null));
    paid("dan", T0, 6_000);
    assertThat(changes()).extracting(t -> t.toList().get(4)).containsOnly("marketing_push").hasSize(3);

    consent("dan", "marketing_push", false, T0 + HOUR);
    assertThat(changes()).containsExactly(
        tuple("dan/2/tier:normal/exited", "EXITED", "tier:normal", null, "marketing_push"),
        tuple("dan/2/lifecycle:new/exited", "EXITED", "lifecycle:new", null, "marketing_push"),
        tuple("dan/2/rfm:potential_loyalist/exited", "EXITED", "rfm:potential_loyalist", null, "marketing_push"));
    assertThat(lastUpdate().restricted).as("still profiled: Redis keeps the segment sets").isFalse();

    paid("dan", T0 + 2 * HOUR, 50_000);
    assertThat(changes()).as("the tier moved, unannounced").isEmpty();
    assertThat(engine.stateOf("dan").tier.segment()).isEqualTo("tier:high");

    consent("dan", "marketing_push", true, T0 + 3 * HOUR);
    assertThat(changes()).containsExactly(
        tuple("dan/4/tier:high/entered", "ENTERED", null, "tier:high", "marketing_push"),
        tuple("dan/4/lifecycle:new/entered", "ENTERED", null, "lifecycle:new", "marketing_push"),
        tuple("dan/4/rfm:potential_loyalist/entered", "ENTERED", null, "rfm:potential_loyalist", "marketing_push"));
  }

  @Test
  void withConsentOffOutputsNameNoPurposeAndWithdrawalsChangeNothing() throws Exception {
    open(PrivacyPolicy.DEFAULTS.withMode(ConsentMode.OFF));
    consent("eve", "profiling", false, T0);
    segmentChanges.take();
    paid("eve", T0 + HOUR, 6_000);
    assertThat(changes()).containsExactly(
        tuple("eve/2/tier:new/exited", "EXITED", "tier:new", "tier:normal", ""),
        tuple("eve/2/tier:normal/entered", "ENTERED", "tier:new", "tier:normal", ""),
        tuple("eve/2/rfm:potential_loyalist/entered", "ENTERED", null, "rfm:potential_loyalist", ""));
    assertThat(lastUpdate().restricted).isFalse();
  }

  @Test
  void aMergeTakesTheLaterDecisionPerPurposeAndAWithdrawalItBringsLeavesTheSegments() throws Exception {
    open(PrivacyPolicy.DEFAULTS);
    paid("ann", T0, 6_000);
    consent("ann", "marketing_email", true, T0 + HOUR);
    consent("bob", "marketing_email", false, T0 + 2 * HOUR);
    consent("bob", "profiling", false, T0 + 3 * HOUR);
    consent("ann", "profiling", true, T0 + 2 * HOUR);
    segmentChanges.take();

    CustomerEvent merge = TestEvents.event("bob", EventKind.MERGE, T0 + 4 * HOUR);
    merge.otherKey = "ann";
    engine.processElement(merge);
    engine.deliverHandoffs();

    CustomerState ann = engine.stateOf("ann");
    assertThat(ann.consents).isEqualTo(Consents.NONE
        .with("marketing_email", false, T0 + 2 * HOUR, "preference-centre")
        .with("profiling", false, T0 + 3 * HOUR, "preference-centre"));
    // Version 5: ann's three updates and bob's two, as if bob's consents had arrived after the merge
    // and been forwarded to ann (CustomerMerge adds versions).
    assertThat(changes()).containsExactly(
        tuple("ann/5/tier:normal/exited", "EXITED", "tier:normal", null, "profiling"),
        tuple("ann/5/lifecycle:new/exited", "EXITED", "lifecycle:new", null, "profiling"),
        tuple("ann/5/rfm:potential_loyalist/exited", "EXITED", "rfm:potential_loyalist", null, "profiling"));
    assertThat(lastUpdate().customerId).isEqualTo("ann");
    assertThat(lastUpdate().restricted).isTrue();
    assertThat(ann.orders).isZero();
  }
}
