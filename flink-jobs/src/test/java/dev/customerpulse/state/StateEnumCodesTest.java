package dev.customerpulse.state;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The enums in customer state are stored as their codes: these tables only ever grow (a removed
 * constant's code stays unused), and a code no constant has is a clear error, not another constant.
 */
class StateEnumCodesTest {
  private static <E extends Enum<E>> Map<String, Integer> codes(E[] constants, java.util.function.ToIntFunction<E> code) {
    return Arrays.stream(constants).collect(Collectors.toMap(Enum::name, code::applyAsInt));
  }

  @Test
  void everyConstantHasItsFixedCode() {
    assertThat(codes(ValueTier.values(), ValueTier::code)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "NEW", 0, "NORMAL", 1, "HIGH", 2, "VIP", 3, "POTENTIAL", 4));
    assertThat(codes(LifecycleStage.values(), LifecycleStage::code)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "NEW", 0, "ACTIVE", 1, "AT_RISK", 2, "DORMANT", 3, "CHURNED", 4, "WON_BACK", 5));
    assertThat(codes(RfmSegment.values(), RfmSegment::code)).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        entry("CHAMPIONS", 0), entry("LOYAL", 1), entry("POTENTIAL_LOYALIST", 2), entry("NEW", 3), entry("PROMISING", 4),
        entry("NEED_ATTENTION", 5), entry("ABOUT_TO_SLEEP", 6), entry("AT_RISK", 7), entry("CANT_LOSE_THEM", 8),
        entry("HIBERNATING", 9), entry("LOST", 10)));
    assertThat(codes(Metric.values(), Metric::code)).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        entry("VIEWS", 0), entry("PRODUCT_VIEWS", 1), entry("CART_ADDS", 2), entry("CHECKOUTS", 3), entry("ORDERS", 4),
        entry("SPEND_MINOR", 5), entry("SERVICE_CALLS", 6), entry("COMPLAINTS", 7), entry("UNRESOLVED_CALLS", 8),
        entry("ABANDONED_CARTS", 9), entry("SESSIONS", 10)));
  }

  @Test
  void eachCodeReadsAsItsConstantAndAnUnknownOneIsAClearError() throws Exception {
    for (ValueTier tier : ValueTier.values()) {
      assertThat(ValueTier.ofCode(tier.code())).isSameAs(tier);
    }
    for (LifecycleStage stage : LifecycleStage.values()) {
      assertThat(LifecycleStage.ofCode(stage.code())).isSameAs(stage);
    }
    for (RfmSegment segment : RfmSegment.values()) {
      assertThat(RfmSegment.ofCode(segment.code())).isSameAs(segment);
    }
    assertThatThrownBy(() -> ValueTier.ofCode(5)).isInstanceOf(IOException.class).hasMessage("unknown value tier code 5");
    assertThatThrownBy(() -> LifecycleStage.ofCode(6)).hasMessage("unknown lifecycle stage code 6");
    assertThatThrownBy(() -> RfmSegment.ofCode(11)).hasMessage("unknown RFM segment code 11");
  }

  private static CustomerState customer() {
    CustomerState s = CustomerState.empty();
    s.firstSeen = 1_767_225_600_000L;
    s.lastSeen = s.firstSeen;
    return s;
  }

  private static byte[] bytes(CustomerState s) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    CustomerStateSerializer.INSTANCE.serialize(s, out);
    return out.getCopyOfBuffer();
  }

  /** Where the records of a customer with {@code a} and with {@code b} set differ: the one byte it is stored in. */
  private static int storedAt(Consumer<CustomerState> a, Consumer<CustomerState> b) throws IOException {
    CustomerState withA = customer();
    a.accept(withA);
    CustomerState withB = customer();
    b.accept(withB);
    byte[] first = bytes(withA);
    byte[] second = bytes(withB);
    assertThat(second).hasSameSizeAs(first);
    int at = Arrays.mismatch(first, second);
    assertThat(Arrays.mismatch(Arrays.copyOfRange(first, at + 1, first.length), Arrays.copyOfRange(second, at + 1, second.length)))
        .as("one byte differs").isEqualTo(-1);
    return at;
  }

  private static int storedAt(Consumer<CustomerState> set) throws IOException {
    return storedAt(s -> {}, set);
  }

  private static void assertUnreadable(byte[] record, String message) {
    assertThatThrownBy(() -> CustomerStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(record)))
        .isInstanceOf(IOException.class).hasMessage(message);
  }

  @Test
  void aStoredTierStageOrSegmentOfAnUnknownCodeIsAClearError() throws Exception {
    byte[] record = bytes(customer());
    int tier = storedAt(s -> s.tier = ValueTier.POTENTIAL);
    record[tier] = 6;
    assertUnreadable(record, "unknown value tier code 5");

    record = bytes(customer());
    int stage = storedAt(s -> s.lifecycle = LifecycleStage.WON_BACK);
    record[stage] = 7;
    assertUnreadable(record, "unknown lifecycle stage code 6");

    record = bytes(customer());
    int segment = storedAt(s -> s.rfmSegment = RfmSegment.LOST);
    record[segment] = 12;
    assertUnreadable(record, "unknown RFM segment code 11");
  }

  @Test
  void aStoredDayWithAnUnknownMetricIsAClearError() throws Exception {
    int mask = storedAt(s -> s.daily.add(20_454, Metric.VIEWS, 1, 20_454), s -> s.daily.add(20_454, Metric.PRODUCT_VIEWS, 1, 20_454));
    CustomerState viewed = customer();
    viewed.daily.add(20_454, Metric.VIEWS, 1, 20_454);
    byte[] record = bytes(viewed);
    assertThat(record[mask]).as("the mask of the day: VIEWS").isEqualTo((byte) 1);
    // The mask 1 << 11, a varint of two bytes, in place of the one byte.
    byte[] unknown = new byte[record.length + 1];
    System.arraycopy(record, 0, unknown, 0, mask);
    unknown[mask] = (byte) 0x80;
    unknown[mask + 1] = 0x10;
    System.arraycopy(record, mask + 1, unknown, mask + 2, record.length - mask - 1);
    assertUnreadable(unknown, "unknown metric codes in a stored day: mask 100000000000");
  }
}
