package dev.customerpulse.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Customer state as written by the code of customer-state FORMAT 9, frozen in
 * {@code src/test/resources/fixtures/state/} by {@link FixtureWriter}: each fixture must read, forever,
 * into exactly the state spelled out here. Unlike CustomerStateSerializerTest, nothing here is written
 * by today's code before it is read, so a change to the writer and reader together cannot hide
 * (checked by hand: writing and reading cartRemoves before cartAdds passes CustomerStateSerializerTest
 * and fails the rich customer here, the absorb in HandoffFixturesTest and SavepointFixtureTest).
 */
class StateFixturesTest {
  static byte[] fixture(String path) throws IOException {
    return Fixtures.bytes(path);
  }

  private static CustomerState read(String name) throws IOException {
    byte[] bytes = fixture("state/" + name);
    assertThat(bytes[0]).as("the format byte").isEqualTo((byte) 9);
    DataInputDeserializer in = new DataInputDeserializer(bytes);
    // Format 9's frozen reader (state.format.CustomerStateFormat9), as a savepoint's migration reads it.
    CustomerState state = StateFormats.KNOWN.reader(9).deserialize(in);
    assertThat(in.available()).as("the whole record is read").isZero();
    return state;
  }

  @Test
  void theRichCustomerReadsWithEveryFieldAsWritten() throws Exception {
    assertThat(StateText.of(read("customer-state-v9-rich.bin"))).isEqualTo("""
        version=4711
        firstSeen=1767229200000
        lastSeen=1770688800000
        scoredAt=1770685200000
        pageViews=101
        productViews=202
        searches=33
        cartAdds=44
        cartRemoves=5
        checkouts=6
        ordersPlaced=7
        orders=8
        cancellations=2
        refunds=1
        spendMinor=123456
        currency=EUR
        foreignCurrencyOrders=3
        serviceCalls=9
        complaints=4
        unresolvedCalls=2
        satisfactionSum=27
        satisfactionAnswers=7
        lastNps=8
        sessions=17
        sessionMillis=5432100
        sessionStart=1770686000000
        sessionLast=1770688800000
        cartOpenSince=1770687000000
        abandonedCarts=3
        tier=HIGH
        rfmSegment=CANT_LOSE_THEM
        lifecycle=WON_BACK
        wonBackAt=1769904000000
        birthMonthDay=115
        lastBirthdayTrigger=1768435200000
        lastAnniversaryTrigger=1768953600000
        churnAlertActive=true
        lastChurnAlertAt=1770595200000
        pendingTimer=1770768000000
        aliasOf=null
        linkedCustomers=[cust-0042, cust-0077]
        ruleSegments=[big-spender, weekend-shopper]
        clvSampledDay=20494
        seenIds=[81985529216486895@1770688801000, -2@1770688802500, 9141386507638288912@1770688802500] spilledUntil 1771293601000
        emailPseudonym=em:3f9a1c
        phonePseudonym=ph:77b2e0
        signedUpAt=1705829400000
        aliases=[]
        consents=[]
        purchases=days 20454..20494 repeat 4 firstDayAmount 2499 total 128000 recent [20454, 20461, 20468, 20480, 20494]
        daily=[20490 {VIEWS=12 PRODUCT_VIEWS=7 SESSIONS=2}, 20492 {CART_ADDS=3 CHECKOUTS=1 ORDERS=1 SPEND_MINOR=4999 \
        ABANDONED_CARTS=1}, 20494 {VIEWS=5 SPEND_MINOR=-1500 SERVICE_CALLS=2 COMPLAINTS=1 UNRESOLVED_CALLS=1}]
        categories=[books=2.5, audio=0.75, garden=0.125] asOf 1770688800000
        """);
  }

  @Test
  void theRichCustomersMovedOutIdsAreStillLookedUpUntilTheDeadline() throws Exception {
    SeenEventIds seen = read("customer-state-v9-rich.bin").seenIds;
    assertThat(seen.mayHaveSpilled(1_771_293_600_999L)).isTrue();
    assertThat(seen.mayHaveSpilled(1_771_293_601_000L)).isFalse();
    assertThat(seen.contains(-2L)).isTrue();
  }

  @Test
  void theAliasShellReadsWithItsAliasAndLinksAndNothingElse() throws Exception {
    assertThat(StateText.of(read("customer-state-v9-alias.bin"))).isEqualTo("""
        version=3
        firstSeen=1767229200000
        lastSeen=1767240000000
        scoredAt=1767232800000
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
        pendingTimer=1769821200000
        aliasOf=cust-0042
        linkedCustomers=[cust-0042]
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
  }

  @Test
  void theJustCreatedCustomerReadsWithDefaultsOnly() throws Exception {
    // scoredAt is 0, not firstSeen: it is stored relative to firstSeen like every time, and 0 is its default.
    assertThat(StateText.of(read("customer-state-v9-new.bin"))).isEqualTo("""
        version=0
        firstSeen=1767229200000
        lastSeen=1767229200000
        scoredAt=0
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
        pendingTimer=NONE
        aliasOf=null
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
  }

  /** A field added to the state must be added to StateText, and so to every expected text above. */
  @Test
  void theExpectedTextsCoverEveryFieldOfTheState() {
    assertThat(Arrays.stream(CustomerState.class.getDeclaredFields()).filter(f -> !Modifier.isStatic(f.getModifiers()))
        .map(Field::getName)).containsExactlyInAnyOrder(StateText.FIELDS);
  }
}
