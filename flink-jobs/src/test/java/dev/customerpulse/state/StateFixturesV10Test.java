package dev.customerpulse.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Customer state as written by the code of customer-state FORMAT 10, frozen in
 * {@code src/test/resources/fixtures/state/} by {@code profile.FixtureWriter}: a customer with every
 * field set (aliases and consents included) and an anonymous visitor's alias shell. Format 9's fixtures are read, through the frozen reader, by {@link StateFixturesTest}.
 */
class StateFixturesV10Test {
  private static CustomerState read(String name) throws IOException {
    byte[] bytes = Fixtures.bytes("state/" + name);
    assertThat(bytes[0]).as("the format byte").isEqualTo((byte) 10);
    DataInputDeserializer in = new DataInputDeserializer(bytes);
    CustomerState state = StateFormats.KNOWN.reader(10).deserialize(in);
    assertThat(in.available()).as("the whole record is read").isZero();
    return state;
  }

  @Test
  void aCustomerWithEveryFieldSetReadsBackExactly() throws Exception {
    assertThat(StateText.of(read("customer-state-v10-rich.bin"))).isEqualTo("""
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
        aliases=[anon:device-7, cust-0013, pii:em:3f9a1c]
        consents=[marketing_email=withdrawn@1770000000000 from null, marketing_sms=granted@1768000000000 from call-centre, profiling=granted@1767229200000 from web-banner]
        purchases=days 20454..20494 repeat 4 firstDayAmount 2499 total 128000 recent [20454, 20461, 20468, 20480, 20494]
        daily=[20490 {VIEWS=12 PRODUCT_VIEWS=7 SESSIONS=2}, 20492 {CART_ADDS=3 CHECKOUTS=1 ORDERS=1 SPEND_MINOR=4999 ABANDONED_CARTS=1}, 20494 {VIEWS=5 SPEND_MINOR=-1500 SERVICE_CALLS=2 COMPLAINTS=1 UNRESOLVED_CALLS=1}]
        categories=[books=2.5, audio=0.75, garden=0.125] asOf 1770688800000
        """);
  }

  @Test
  void anAliasShellReadsBackExactly() throws Exception {
    assertThat(StateText.of(read("customer-state-v10-alias.bin"))).isEqualTo("""
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

  /**
   * Today's writer writes each fixture back byte for byte. This check belongs to FORMAT 10 only: when
   * the format changes, it moves to the new format's fixtures, while the read checks above stay.
   */
  @Test
  void todaysFormatRewritesEachFixtureByteForByte() throws Exception {
    assertThat(CustomerStateSerializer.FORMAT).as("the format these fixtures are of").isEqualTo(10);
    for (String name : new String[] {"customer-state-v10-rich.bin", "customer-state-v10-alias.bin"}) {
      byte[] bytes = Fixtures.bytes("state/" + name);
      DataOutputSerializer out = new DataOutputSerializer(256);
      CustomerStateSerializer.INSTANCE.serialize(read(name), out);
      assertThat(out.getCopyOfBuffer()).as(name).isEqualTo(bytes);
    }
  }

  /** A format 9 state, migrated: read by the frozen reader, written in format 10, read back the same. */
  @Test
  void aFormat9StateMigratesToFormat10Unchanged() throws Exception {
    for (String name : new String[] {"customer-state-v9-rich.bin", "customer-state-v9-alias.bin", "customer-state-v9-new.bin"}) {
      CustomerState old = StateFormats.KNOWN.reader(9).deserialize(new DataInputDeserializer(Fixtures.bytes("state/" + name)));
      DataOutputSerializer out = new DataOutputSerializer(256);
      CustomerStateSerializer.INSTANCE.serialize(old, out);
      CustomerState migrated = CustomerStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
      assertThat(StateText.of(migrated)).as(name).isEqualTo(StateText.of(old));
    }
  }
}
