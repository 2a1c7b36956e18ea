package dev.customerpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class CustomerEventSerializerTest {

  @Test
  void flinkUsesTheHandWrittenSerializerForEvents() {
    assertThat(TypeInformation.of(CustomerEvent.class).createSerializer(new org.apache.flink.api.common.serialization.SerializerConfigImpl()))
        .isSameAs(CustomerEventSerializer.INSTANCE);
  }

  @Test
  void roundTripsEveryFieldIncludingNulls() throws Exception {
    CustomerEvent full = new CustomerEvent("c-1", "e-9", EventKind.ORDER_REFUNDED, -5, Long.MAX_VALUE, 123_456, "EUR")
        .withCategory("books");
    CustomerEvent call = new CustomerEvent("c-2", "s-1", EventKind.SERVICE_CALL, 7, 8, 0, null).withServiceOutcome(true, false, 2, 10);
    CustomerEvent sparse = new CustomerEvent("anon:x", null, EventKind.SERVICE_CALL, 7, 8, 0, null);
    // Non-ASCII, and an id long enough for a two-byte length.
    CustomerEvent unicode = new CustomerEvent("kunde-ä-" + "x".repeat(200), "", EventKind.PRODUCT_VIEW, 1, 2, 0, "EUR")
        .withCategory("Bücher & 東京");
    DataOutputSerializer out = new DataOutputSerializer(64);
    CustomerEventSerializer.INSTANCE.serialize(full, out);
    CustomerEventSerializer.INSTANCE.serialize(call, out);
    CustomerEventSerializer.INSTANCE.serialize(sparse, out);
    CustomerEventSerializer.INSTANCE.serialize(unicode, out);

    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    assertThat(CustomerEventSerializer.INSTANCE.deserialize(in)).isEqualTo(full);
    assertThat(CustomerEventSerializer.INSTANCE.deserialize(in)).isEqualTo(call);
    assertThat(CustomerEventSerializer.INSTANCE.deserialize(in)).isEqualTo(sparse);
    assertThat(CustomerEventSerializer.INSTANCE.deserialize(in)).isEqualTo(unicode);
    assertThat(in.available()).isZero();
  }
}
