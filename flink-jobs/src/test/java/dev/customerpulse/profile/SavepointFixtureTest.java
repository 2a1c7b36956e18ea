package dev.customerpulse.profile;

import dev.customerpulse.state.StateText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.rules.RuleCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A snapshot of the real profile operator on RocksDB, taken by the code of customer-state FORMAT 9
 * and frozen in {@code src/test/resources/fixtures/savepoint/} by {@link FixtureWriter} (the events
 * are in {@link FixtureWriter#playSavepointEvents}). Later code must restore it into exactly these
 * customers, timers and rules, and carry on from there.
 *
 * <p>The snapshot is a savepoint in Flink's canonical format (a full key/value snapshot that any
 * backend restores), not the harness's default checkpoint, which for RocksDB holds the native SST
 * files. Both are self-contained here (the harness writes into in-memory streams and writeStateHandle
 * stores their bytes inline: no handle points at a local directory), but the canonical one is the
 * format Flink keeps restorable across versions and backends, and it is 6.6 KB instead of 34 KB.
 *
 * <p>The expected states are what the operator of FORMAT 9 computed from those events (checked when
 * the fixture was written: ann holds her two orders and carl's, 4,700 in all, and the rule loyal;
 * carl is a shell aliased to ann; bob has the open cart, its abandonment due a day later; the
 * visitor one page view). Event ids are remembered as their 64-bit hashes, seen at processing time
 * 1,767,300,000,000.
 */
class SavepointFixtureTest {
  private static final long START = 1_767_225_600_000L;
  private ProfileHarness.Operator harness;

  @BeforeEach
  void restore() throws Exception {
    Path file = Path.of(SavepointFixtureTest.class.getResource("/fixtures/savepoint/profile-operator-v9.snapshot").toURI());
    harness = ProfileHarness.create(CustomerProfileFunctionTest.LOGIC);
    harness.initializeState(OperatorSnapshotUtil.readStateHandle(file.toString()));
    harness.open();
    harness.setProcessingTime(1_767_400_000_000L);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void everyCustomerTimerAndRuleIsRestoredExactly() throws Exception {
    assertThat(ProfileHarness.keysWith(harness, "customer")).containsExactly("ann", "anon:dev-1", "bob", "carl");
    assertThat(StateText.of(ProfileHarness.stateOf(harness, "ann"))).isEqualTo("""
        version=4
        firstSeen=1767229200000
        lastSeen=1767315600000
        scoredAt=1767315600000
        pageViews=0
        productViews=0
        searches=0
        cartAdds=0
        cartRemoves=0
        checkouts=0
        ordersPlaced=0
        orders=3
        cancellations=0
        refunds=0
        spendMinor=4700
        currency=EUR
        foreignCurrencyOrders=0
        serviceCalls=0
        complaints=0
        unresolvedCalls=0
        satisfactionSum=0
        satisfactionAnswers=0
        lastNps=-1
        sessions=0
        sessionMillis=0
        sessionStart=NONE
        sessionLast=NONE
        cartOpenSince=NONE
        abandonedCarts=0
        tier=NORMAL
        rfmSegment=POTENTIAL_LOYALIST
        lifecycle=NEW
        wonBackAt=NONE
        birthMonthDay=0
        lastBirthdayTrigger=NONE
        lastAnniversaryTrigger=NONE
        churnAlertActive=false
        lastChurnAlertAt=NONE
        pendingTimer=1767315600000
        aliasOf=null
        linkedCustomers=[]
        ruleSegments=[loyal]
        clvSampledDay=0
        seenIds=[-726457018504534406@1767300000000, -1364110862929739984@1767300000000, 1194926222681231127@1767300000000, -9002261635008409691@1767300000000, 9018516620406073769@1767300000000] spilledUntil NONE
        emailPseudonym=null
        phonePseudonym=null
        signedUpAt=NONE
        aliases=[]
        consents=[]
        purchases=days 20454..20455 repeat 1 firstDayAmount 3200 total 4700 recent [20454, 20455]
        daily=[20454 {ORDERS=2 SPEND_MINOR=3200}, 20455 {ORDERS=1 SPEND_MINOR=1500}]
        categories=[books=5.0] asOf 1767229200000
        """);
    assertThat(StateText.of(ProfileHarness.stateOf(harness, "bob"))).isEqualTo("""
        version=1
        firstSeen=1767232800000
        lastSeen=1767232800000
        scoredAt=1767232800000
        pageViews=0
        productViews=0
        searches=0
        cartAdds=1
        cartRemoves=0
        checkouts=0
        ordersPlaced=0
        orders=0
        cancellations=0
        refunds=0
        spendMinor=0
        currency=null
        foreignCurrencyOrders=0
        serviceCalls=0
        complaints=0
        unresolvedCalls=0
        satisfactionSum=0
        satisfactionAnswers=0
        lastNps=-1
        sessions=0
        sessionMillis=0
        sessionStart=1767232800000
        sessionLast=1767232800000
        cartOpenSince=1767232800000
        abandonedCarts=0
        tier=NEW
        rfmSegment=null
        lifecycle=NEW
        wonBackAt=NONE
        birthMonthDay=0
        lastBirthdayTrigger=NONE
        lastAnniversaryTrigger=NONE
        churnAlertActive=false
        lastChurnAlertAt=NONE
        pendingTimer=1767319200000
        aliasOf=null
        linkedCustomers=[]
        ruleSegments=[]
        clvSampledDay=0
        seenIds=[-4551553276038141528@1767300000000] spilledUntil NONE
        emailPseudonym=null
        phonePseudonym=null
        signedUpAt=NONE
        aliases=[]
        consents=[]
        purchases=none (total 0, recent [])
        daily=[20454 {CART_ADDS=1 SESSIONS=1}]
        categories=[audio=3.0] asOf 1767232800000
        """);
    assertThat(StateText.of(ProfileHarness.stateOf(harness, "carl"))).isEqualTo("""
        version=2
        firstSeen=1767236400000
        lastSeen=1767319200000
        scoredAt=1767236400000
        pageViews=0
        productViews=0
        searches=0
        cartAdds=0
        cartRemoves=0
        checkouts=0
        ordersPlaced=0
        orders=0
        cancellations=0
        refunds=0
        spendMinor=0
        currency=null
        foreignCurrencyOrders=0
        serviceCalls=0
        complaints=0
        unresolvedCalls=0
        satisfactionSum=0
        satisfactionAnswers=0
        lastNps=-1
        sessions=0
        sessionMillis=0
        sessionStart=NONE
        sessionLast=NONE
        cartOpenSince=NONE
        abandonedCarts=0
        tier=null
        rfmSegment=null
        lifecycle=null
        wonBackAt=NONE
        birthMonthDay=0
        lastBirthdayTrigger=NONE
        lastAnniversaryTrigger=NONE
        churnAlertActive=false
        lastChurnAlertAt=NONE
        pendingTimer=1767322800000
        aliasOf=ann
        linkedCustomers=[]
        ruleSegments=[]
        clvSampledDay=0
        seenIds=[] spilledUntil NONE
        emailPseudonym=null
        phonePseudonym=null
        signedUpAt=NONE
        aliases=[]
        consents=[]
        purchases=none (total 0, recent [])
        daily=[]
        categories=[] asOf NONE
        """);
    assertThat(StateText.of(ProfileHarness.stateOf(harness, "anon:dev-1"))).isEqualTo("""
        version=1
        firstSeen=1767240000000
        lastSeen=1767240000000
        scoredAt=0
        pageViews=1
        productViews=0
        searches=0
        cartAdds=0
        cartRemoves=0
        checkouts=0
        ordersPlaced=0
        orders=0
        cancellations=0
        refunds=0
        spendMinor=0
        currency=null
        foreignCurrencyOrders=0
        serviceCalls=0
        complaints=0
        unresolvedCalls=0
        satisfactionSum=0
        satisfactionAnswers=0
        lastNps=-1
        sessions=0
        sessionMillis=0
        sessionStart=1767240000000
        sessionLast=1767240000000
        cartOpenSince=NONE
        abandonedCarts=0
        tier=NEW
        rfmSegment=null
        lifecycle=null
        wonBackAt=NONE
        birthMonthDay=0
        lastBirthdayTrigger=NONE
        lastAnniversaryTrigger=NONE
        churnAlertActive=false
        lastChurnAlertAt=NONE
        pendingTimer=1769832000000
        aliasOf=null
        linkedCustomers=[]
        ruleSegments=[]
        clvSampledDay=0
        seenIds=[3314346188019400594@1767300000000] spilledUntil NONE
        emailPseudonym=null
        phonePseudonym=null
        signedUpAt=NONE
        aliases=[]
        consents=[]
        purchases=none (total 0, recent [])
        daily=[20454 {VIEWS=1 SESSIONS=1}]
        categories=[] asOf NONE
        """);
    assertThat(harness.numEventTimeTimers()).as("one per key").isEqualTo(4);
    List<String> rules = new ArrayList<>();
    var operator = (AbstractStreamOperator<?>) harness.getOperator();
    for (Map.Entry<String, RuleCommand> rule : operator.getOperatorStateBackend()
        .getBroadcastState(ProfileOutputs.RULES).entries()) {
      RuleCommand r = rule.getValue();
      rules.add(rule.getKey() + ": " + r.name + " '" + r.expression + "' v" + r.version + " " + r.mode + " '" + r.description
          + "' removed=" + r.removed + " problem=" + r.problem);
    }
    assertThat(rules).containsExactly("loyal: loyal 'orders >= 2' v1 LIVE '' removed=false problem=null");
  }

  @Test
  void processingCarriesOnFromTheRestoredState() throws Exception {
    harness.processElement(new CustomerEvent("bob", "o-bob-1", EventKind.ORDER_PAID, START + 18_000_000, START + 18_000_100,
        3_000, "EUR").withCategory("audio"), START + 18_000_000);
    assertThat(StateText.of(ProfileHarness.stateOf(harness, "bob"))).isEqualTo("""
        version=2
        firstSeen=1767232800000
        lastSeen=1767243600000
        scoredAt=1767243600000
        pageViews=0
        productViews=0
        searches=0
        cartAdds=1
        cartRemoves=0
        checkouts=0
        ordersPlaced=0
        orders=1
        cancellations=0
        refunds=0
        spendMinor=3000
        currency=EUR
        foreignCurrencyOrders=0
        serviceCalls=0
        complaints=0
        unresolvedCalls=0
        satisfactionSum=0
        satisfactionAnswers=0
        lastNps=-1
        sessions=0
        sessionMillis=0
        sessionStart=1767232800000
        sessionLast=1767232800000
        cartOpenSince=NONE
        abandonedCarts=0
        tier=NORMAL
        rfmSegment=NEW
        lifecycle=NEW
        wonBackAt=NONE
        birthMonthDay=0
        lastBirthdayTrigger=NONE
        lastAnniversaryTrigger=NONE
        churnAlertActive=false
        lastChurnAlertAt=NONE
        pendingTimer=1767319200000
        aliasOf=null
        linkedCustomers=[]
        ruleSegments=[]
        clvSampledDay=0
        seenIds=[-4551553276038141528@1767300000000, -5694361335784268053@1767400000000] spilledUntil NONE
        emailPseudonym=null
        phonePseudonym=null
        signedUpAt=NONE
        aliases=[]
        consents=[]
        purchases=days 20454..20454 repeat 0 firstDayAmount 3000 total 3000 recent [20454]
        daily=[20454 {CART_ADDS=1 ORDERS=1 SPEND_MINOR=3000 SESSIONS=1}]
        categories=[audio=7.9913482666015625] asOf 1767243600000
        """);
  }
}
