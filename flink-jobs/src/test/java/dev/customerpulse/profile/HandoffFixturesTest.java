package dev.customerpulse.profile;

import dev.customerpulse.state.StateText;
import dev.customerpulse.state.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customerpulse.identity.Handoff;
import dev.customerpulse.identity.HandoffRecords;
import dev.customerpulse.ingest.CustomerEvent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Records of the customer-handoffs topic as written by today's code (handoff record format 1, the
 * event in CustomerEventSerializer's encoding, an ABSORB's payload in Handoff format 1 with customer
 * state FORMAT 9), frozen in {@code src/test/resources/fixtures/handoffs/} by {@link FixtureWriter}.
 * Records on the topic outlive a deployment (a restart reads what the old job wrote), so each fixture
 * must read, forever, into exactly the event spelled out here.
 *
 * <p>The event kind is on the wire as its {@code EventKind.code()} (one byte): ORDER_PAID is 10, LINK 16,
 * ABSORB 18, the ordinals they had when these fixtures were written. When it was the ordinal, swapping
 * LINK and MERGE made the LINK fixture read as a MERGE (checked by hand: theLinkReadsAsWritten failed
 * while the byte-for-byte rewrite check passed, reader and writer agreeing with each other); the
 * codes are fixed now, and EventKindTest holds their table.
 */
class HandoffFixturesTest {
  private static CustomerEvent read(String name) throws Exception {
    return HandoffRecords.decode(Fixtures.bytes("handoffs/" + name));
  }

  /** Every field of an event, one per line (the payload as its length). */
  static String text(CustomerEvent e) {
    return "customerKey=" + e.customerKey + "\neventId=" + e.eventId + "\nkind=" + e.kind + "\neventTime=" + e.eventTime
        + "\nsourceTimestamp=" + e.sourceTimestamp + "\namountMinor=" + e.amountMinor + "\ncurrency=" + e.currency
        + "\ncategory=" + e.category + "\ncomplaint=" + e.complaint + "\nresolved=" + e.resolved + "\nsatisfaction="
        + e.satisfaction + "\nnps=" + e.nps + "\notherKey=" + e.otherKey + "\nemailPseudonym=" + e.emailPseudonym
        + "\nphonePseudonym=" + e.phonePseudonym + "\nsignedUpAt=" + e.signedUpAt + "\nbirthMonthDay=" + e.birthMonthDay
        + "\nhops=" + e.hops + "\npayload=" + (e.payload == null ? "null" : e.payload.length + " bytes") + "\n";
  }

  @Test
  void theAbsorbReadsWithTheVisitorsStateAndEventIds() throws Exception {
    CustomerEvent absorb = read("handoff-v1-absorb.bin");
    // 204 bytes: format 1 + 87 of the event's own fields + 116 of payload (handoff format, state, 3 ids).
    assertThat(text(absorb)).isEqualTo("""
        customerKey=cust-0042
        eventId=login-77/link/absorb
        kind=ABSORB
        eventTime=1767229400000
        sourceTimestamp=1767229400250
        amountMinor=0
        currency=null
        category=null
        complaint=false
        resolved=false
        satisfaction=0
        nps=-1
        otherKey=anon:dev-9
        emailPseudonym=null
        phonePseudonym=null
        signedUpAt=-9223372036854775808
        birthMonthDay=0
        hops=0
        payload=116 bytes
        """);
    Handoff handoff = Handoff.decode(absorb.payload);
    assertThat(handoff.seenEventIds()).containsExactly(11L, -22L, 24301L);
    assertThat(StateText.of(handoff.state())).isEqualTo("""
        version=6
        firstSeen=1767229200000
        lastSeen=1767229320000
        scoredAt=0
        pageViews=3
        productViews=2
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
        sessionStart=1767229200000
        sessionLast=1767229320000
        cartOpenSince=1767229320000
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
        daily=[20454 {VIEWS=3 PRODUCT_VIEWS=2 CART_ADDS=1}]
        categories=[shoes=1.5] asOf 1767229320000
        """);
  }

  @Test
  void theForwardedOrderReadsAsWritten() throws Exception {
    assertThat(text(read("handoff-v1-forwarded-order-paid.bin"))).isEqualTo("""
        customerKey=cust-0042
        eventId=ord-9001
        kind=ORDER_PAID
        eventTime=1767233000000
        sourceTimestamp=1767233000400
        amountMinor=12345
        currency=EUR
        category=books
        complaint=false
        resolved=false
        satisfaction=0
        nps=-1
        otherKey=null
        emailPseudonym=null
        phonePseudonym=null
        signedUpAt=-9223372036854775808
        birthMonthDay=0
        hops=1
        payload=null
        """);
  }

  @Test
  void theLinkReadsAsWritten() throws Exception {
    assertThat(text(read("handoff-v1-link.bin"))).isEqualTo("""
        customerKey=anon:dev-9
        eventId=login-77/link
        kind=LINK
        eventTime=1767229400000
        sourceTimestamp=1767229400250
        amountMinor=0
        currency=null
        category=null
        complaint=false
        resolved=false
        satisfaction=0
        nps=-1
        otherKey=cust-0042
        emailPseudonym=null
        phonePseudonym=null
        signedUpAt=-9223372036854775808
        birthMonthDay=0
        hops=0
        payload=null
        """);
  }

  @Test
  void aRecordOfAnUnknownEventKindIsAClearError() throws Exception {
    byte[] link = Fixtures.bytes("handoffs/handoff-v1-link.bin");
    // The format byte, then "anon:dev-9" and "login-77/link" each after a length byte, then the kind.
    assertThat(link[26]).as("LINK").isEqualTo((byte) 16);
    link[26] = 24;
    assertThatThrownBy(() -> HandoffRecords.decode(link)).isInstanceOf(java.io.IOException.class)
        .hasMessage("unknown event kind code 24");
    org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> record =
        new org.apache.kafka.clients.consumer.ConsumerRecord<>("customer-handoffs", 3, 41L, new byte[0], link);
    assertThatThrownBy(() -> new HandoffRecords.Deserializer().deserialize(record, null))
        .hasMessage("customer handoff customer-handoffs-3 offset 41 is not one this job reads: unknown event kind code 24");
  }

  @Test
  void anAbsorbWhoseStateIsOfAFormatThisJobDoesNotReadIsAClearError() throws Exception {
    byte[] payload = read("handoff-v1-absorb.bin").payload;
    payload[1] = 11;
    assertThatThrownBy(() -> Handoff.decode(payload)).isInstanceOf(java.io.IOException.class)
        .hasMessage("customer state format 11 is not one this job reads ([9, 10])");
  }

  /**
   * Today's code writes each record back byte for byte. This check belongs to today's formats; when
   * the wire format changes it moves to the new format's fixtures, while the read checks above must
   * keep passing (the new reader still reads format 1 records left on the topic).
   */
  @Test
  void todaysFormatRewritesEachRecordByteForByte() throws Exception {
    for (String name : new String[] {"handoff-v1-absorb.bin", "handoff-v1-forwarded-order-paid.bin", "handoff-v1-link.bin"}) {
      byte[] bytes = Fixtures.bytes("handoffs/" + name);
      assertThat(bytes[0]).as("handoff record format").isEqualTo((byte) 1);
      assertThat(HandoffRecords.encode(HandoffRecords.decode(bytes))).as(name).isEqualTo(bytes);
    }
  }

  /** An absorb written before format 10 (its state in format 9) is re-encoded with the same state in format 10. */
  @Test
  void anAbsorbOfFormat9StateIsReEncodedInTodaysFormatUnchanged() throws Exception {
    byte[] payload = read("handoff-v1-absorb.bin").payload;
    assertThat(Arrays.copyOf(payload, 2)).as("handoff format 1, then state format 9").containsExactly(1, 9);
    Handoff handoff = Handoff.decode(payload);
    byte[] today = new Handoff(handoff.state(), handoff.seenEventIds()).encode();
    assertThat(Arrays.copyOf(today, 2)).as("handoff format 1, then state format 10").containsExactly(1, 10);
    Handoff again = Handoff.decode(today);
    assertThat(StateText.of(again.state())).isEqualTo(StateText.of(handoff.state()));
    assertThat(again.seenEventIds()).isEqualTo(handoff.seenEventIds());
  }
}
