package dev.customerpulse.ingest;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Event kinds are written as their codes: this table only ever grows (a removed kind's code stays unused). */
class EventKindTest {
  @Test
  void everyKindHasItsFixedCode() {
    assertThat(Arrays.stream(EventKind.values()).collect(Collectors.toMap(EventKind::name, EventKind::code)))
        .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(entry("PAGE_VIEW", 0), entry("PRODUCT_VIEW", 1), entry("SEARCH", 2),
            entry("ADD_TO_CART", 3), entry("REMOVE_FROM_CART", 4), entry("CHECKOUT_START", 5), entry("LOGIN", 6),
            entry("LOGOUT", 7), entry("CLICK_OTHER", 8), entry("ORDER_PLACED", 9), entry("ORDER_PAID", 10),
            entry("ORDER_CANCELLED", 11), entry("ORDER_REFUNDED", 12), entry("ORDER_OTHER", 13), entry("SERVICE_CALL", 14),
            entry("IDENTIFY", 15), entry("LINK", 16), entry("MERGE", 17), entry("ABSORB", 18),
            entry("CONSENT", 19), entry("ERASE", 20), entry("EXPORT", 21), entry("INDEX", 22), entry("ERASE_ALIAS", 23)));
  }

  @Test
  void eachCodeReadsAsItsKindAndAnUnknownCodeIsAClearError() throws Exception {
    for (EventKind kind : EventKind.values()) {
      assertThat(EventKind.ofCode(kind.code())).isSameAs(kind);
    }
    for (int code : new int[] {-1, 24, 255}) {
      assertThatThrownBy(() -> EventKind.ofCode(code)).isInstanceOf(IOException.class).hasMessage("unknown event kind code " + code);
    }
  }

  @Test
  void anEventOfAnUnknownKindDoesNotDeserialize() throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    CustomerEventSerializer.INSTANCE.serialize(new CustomerEvent("c", "e", EventKind.ABSORB, 1, 2, 0, null), out);
    byte[] bytes = out.getCopyOfBuffer();
    assertThat(bytes[4]).as("after the key and id, each a length byte and one character").isEqualTo((byte) 18);
    bytes[4] = (byte) 200;
    assertThatThrownBy(() -> CustomerEventSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes)))
        .isInstanceOf(IOException.class).hasMessage("unknown event kind code 200");
  }
}
