package dev.customerpulse.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customerpulse.features.FeatureSettings;
import dev.customerpulse.features.FeatureUpdater;
import dev.customerpulse.state.Metric;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.state.ValueTier;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class CustomerStateSerializerTest {
  private static final long DAY = 86_400_000L;
  private static final long START = 1_767_225_600_000L;

  private static CustomerState busyCustomer() {
    FeatureUpdater updater = new FeatureUpdater(FeatureSettings.defaults());
    CustomerState s = FeatureUpdater.newCustomer(new CustomerEvent("c", "e", EventKind.PAGE_VIEW, START, 0, 0, null));
    int n = 0;
    for (int day = 0; day < 40; day += 3) {
      long t = START + day * DAY;
      updater.apply(s, new CustomerEvent("c", "e" + n++, EventKind.PAGE_VIEW, t, 0, 0, null));
      updater.apply(s, new CustomerEvent("c", "e" + n++, EventKind.PRODUCT_VIEW, t + 60_000, 0, 1_999, "EUR")
          .withCategory(day % 2 == 0 ? "books" : "audio"));
      updater.apply(s, new CustomerEvent("c", "e" + n++, EventKind.ADD_TO_CART, t + 120_000, 0, 1_999, "EUR").withCategory("books"));
      if (day % 9 == 0) {
        updater.apply(s, new CustomerEvent("c", "e" + n++, EventKind.ORDER_PAID, t + 300_000, 0, 2_494, "EUR").withCategory("books"));
      }
    }
    updater.apply(s, new CustomerEvent("c", "s", EventKind.SERVICE_CALL, START + 41 * DAY, 0, 0, null).withServiceOutcome(true, false, 2, 6));
    s.tier = ValueTier.NORMAL;
    s.scoredAt = START + 41 * DAY;
    s.pendingTimer = START + 42 * DAY;
    return s;
  }

  private static CustomerState roundTrip(CustomerState state, int[] size) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(256);
    CustomerStateSerializer.INSTANCE.serialize(state, out);
    size[0] = out.length();
    return CustomerStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
  }

  @Test
  void flinkUsesTheCompactSerializerForState() {
    assertThat(TypeInformation.of(CustomerState.class).createSerializer(new SerializerConfigImpl()))
        .isSameAs(CustomerStateSerializer.INSTANCE);
  }

  @Test
  void everyFieldSurvivesARoundTrip() throws Exception {
    CustomerState original = busyCustomer();
    CustomerState copy = roundTrip(original, new int[1]);

    assertThat(copy).usingRecursiveComparison().ignoringFields("daily").isEqualTo(original);
    assertThat(copy.daily.size()).isEqualTo(original.daily.size());
    for (int i = 0; i < original.daily.size(); i++) {
      assertThat(copy.daily.day(i)).isEqualTo(original.daily.day(i));
      for (Metric metric : Metric.values()) {
        assertThat(copy.daily.value(i, metric)).isEqualTo(original.daily.value(i, metric));
      }
    }
    assertThat(copy.daily.sum(Metric.VIEWS, Math.floorDiv(original.scoredAt, DAY), 90)).as("14 visits, 2 views each").isEqualTo(28);
    assertThat(copy.purchases.repeatPurchases()).isEqualTo(original.purchases.repeatPurchases());
    assertThat(copy.categories.top(2)).containsExactly("books", "audio");
  }

  @Test
  void aFreshCustomerRoundTripsWithNothingSet() throws Exception {
    CustomerState fresh = CustomerState.empty();
    fresh.firstSeen = START;
    fresh.lastSeen = START;
    CustomerState copy = roundTrip(fresh, new int[1]);
    assertThat(copy).usingRecursiveComparison().ignoringFields("daily").isEqualTo(fresh);
    assertThat(copy.daily.size()).isZero();
    assertThat(copy.sessionStart).isEqualTo(CustomerState.NONE);
    assertThat(copy.cartOpenSince).isEqualTo(CustomerState.NONE);
    assertThat(copy.pendingTimer).isEqualTo(CustomerState.NONE);
  }

  @Test
  void aBusyCustomerTakesAFewHundredBytes() throws Exception {
    int[] size = new int[1];
    roundTrip(busyCustomer(), size);
    assertThat(size[0]).isBetween(150, 400);
  }

  @Test
  void rememberedEventIdsRoundTripInEightBytesAndATimeDifferenceEach() throws Exception {
    CustomerState customer = busyCustomer();
    int[] without = new int[1];
    roundTrip(customer, without);
    customer.seenIds.add(-1L, 1_000_000L, 7 * DAY);
    customer.seenIds.add(Long.MAX_VALUE, 1_000_100L, 7 * DAY);
    customer.seenIds.add(42L, 1_000_100L, 7 * DAY);
    int[] with = new int[1];
    CustomerState copy = roundTrip(customer, with);

    assertThat(copy.seenIds.ids()).containsExactly(-1L, Long.MAX_VALUE, 42L);
    assertThat(copy.seenIds.seenAt(0)).isEqualTo(1_000_000L);
    assertThat(copy.seenIds.seenAt(2)).isEqualTo(1_000_100L);
    assertThat(copy.seenIds.spilledUntil()).isEqualTo(SeenEventIds.NEVER);
    // 8 + 3 (zig-zag 1,000,000) + 8 + 2 (100) + 8 + 1 (0): the count byte and spill flag were there before.
    assertThat(with[0] - without[0]).isEqualTo(30);
  }

  @Test
  void aCustomerWhoMovedIdsOutKeepsTheDeadline() throws Exception {
    CustomerState customer = busyCustomer();
    for (int i = 0; i <= SeenEventIds.CAPACITY; i++) {
      customer.seenIds.add(i, 5_000L + i, 7 * DAY);
    }
    CustomerState copy = roundTrip(customer, new int[1]);
    assertThat(copy.seenIds.spilledUntil()).isEqualTo(5_000L + SeenEventIds.CAPACITY + 7 * DAY);
    assertThat(copy.seenIds.size()).isEqualTo(SeenEventIds.CAPACITY);
    assertThat(copy.seenIds.id(0)).isEqualTo(1L);
  }

  @Test
  void anyOtherFormatIsRefusedWithAClearMessage() {
    for (int format : new int[] {0, 1, 8, 9, 11, 255}) {
      assertThatThrownBy(() -> CustomerStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(new byte[] {(byte) format})))
          .hasMessage("customer state format " + format + " is not format 10, the one this job reads;"
              + " state of an older format is migrated when a savepoint is restored");
    }
  }

  @Test
  void segmentsAndTheWonBackTimeRoundTrip() throws Exception {
    CustomerState customer = busyCustomer();
    customer.lifecycle = dev.customerpulse.state.LifecycleStage.WON_BACK;
    customer.rfmSegment = dev.customerpulse.state.RfmSegment.CANT_LOSE_THEM;
    customer.wonBackAt = START + 40 * DAY;
    assertThat(roundTrip(customer, new int[1])).usingRecursiveComparison().ignoringFields("daily").isEqualTo(customer);
    CustomerState none = busyCustomer();
    assertThat(roundTrip(none, new int[1])).usingRecursiveComparison().ignoringFields("daily").isEqualTo(none);
  }

  @Test
  void theChurnAlertAndDateTriggerStateRoundTrips() throws Exception {
    CustomerState alerted = busyCustomer();
    alerted.churnAlertActive = true;
    alerted.lastChurnAlertAt = START + 41 * DAY;
    alerted.birthMonthDay = 229;
    alerted.lastBirthdayTrigger = START + 10 * DAY;
    assertThat(roundTrip(alerted, new int[1])).usingRecursiveComparison().ignoringFields("daily").isEqualTo(alerted);
  }

  @Test
  void identityFieldsRoundTripAndCostOneFlagByteWhenUnset() throws Exception {
    int[] plain = new int[1];
    roundTrip(busyCustomer(), plain);
    CustomerState withEmail = busyCustomer();
    withEmail.emailPseudonym = "pii1:fO46PKNenbDx9h874UFUoQ";
    int[] email = new int[1];
    roundTrip(withEmail, email);
    assertThat(email[0] - plain[0]).as("a length byte and 27 characters: unset, it was only a bit of the flag byte").isEqualTo(28);

    CustomerState known = busyCustomer();
    known.emailPseudonym = "pii1:fO46PKNenbDx9h874UFUoQ";
    known.phonePseudonym = "pii1:QvNRD3e9k42xCFd_yL4tRA";
    known.signedUpAt = START - 400 * DAY;
    CustomerState shell = CustomerState.empty();
    shell.firstSeen = START;
    shell.aliasOf = "c-7";
    shell.linkedCustomers = new String[] {"c-7", "c-8"};

    assertThat(roundTrip(known, new int[1])).usingRecursiveComparison().ignoringFields("daily").isEqualTo(known);
    assertThat(roundTrip(shell, new int[1])).usingRecursiveComparison().ignoringFields("daily").isEqualTo(shell);
  }

  @Test
  void ruleSegmentsAndTheClvSampleDayRoundTripAndCostLittleWhenUnset() throws Exception {
    int[] plain = new int[1];
    roundTrip(busyCustomer(), plain);
    CustomerState sampled = busyCustomer();
    sampled.clvSampledDay = 20_500;
    int[] withDay = new int[1];
    assertThat(roundTrip(sampled, withDay).clvSampledDay).isEqualTo(20_500);
    assertThat(withDay[0] - plain[0]).as("the day of the last CLV sample, three bytes instead of one").isEqualTo(2);

    CustomerState member = busyCustomer();
    member.ruleSegments = new String[] {"big_spenders", "vip-at-risk"};
    int[] withRules = new int[1];
    assertThat(roundTrip(member, withRules)).usingRecursiveComparison().ignoringFields("daily").isEqualTo(member);
    assertThat(withRules[0] - plain[0]).as("two names of 12 and 11 bytes, a length byte each; the count was there").isEqualTo(25);
  }
}
