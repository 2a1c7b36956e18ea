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
    CustomerEvent identify = new CustomerEvent("c-3", "i-1", EventKind.IDENTIFY, 9, 10, 0, null)
        .withIdentity("anon:d-1", "pii1:fO46PKNenbDx9h874UFUoQ", null, 1_700_000_000_000L);
    identify.birthMonthDay = 1231;
    CustomerEvent absorb = new CustomerEvent("c-3", "m-1/absorb", EventKind.ABSORB, 11, 12, 0, null)
        .withIdentity("c-4", null, null, Long.MIN_VALUE);
    absorb.payload = new byte[] {1, 2, 3};
    absorb.hops = 2;
    CustomerEvent emptyPayload = new CustomerEvent("c-3", "m-2/absorb", EventKind.ABSORB, 11, 12, 0, null);
    emptyPayload.payload = new byte[0];
    DataOutputSerializer out = new DataOutputSerializer(64);
    CustomerEventSerializer.INSTANCE.serialize(full, out);
    CustomerEventSerializer.INSTANCE.serialize(call, out);
    CustomerEventSerializer.INSTANCE.serialize(sparse, out);
    CustomerEventSerializer.INSTANCE.serialize(unicode, out);
    CustomerEventSerializer.INSTANCE.serialize(identify, out);
    CustomerEventSerializer.INSTANCE.serialize(absorb, out);
    CustomerEventSerializer.INSTANCE.serialize(emptyPayload, out);

    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    assertThat(CustomerEventSerializer.INSTANCE.deserialize(in)).isEqualTo(full);
    assertThat(CustomerEventSerializer.INSTANCE.deserialize(in)).isEqualTo(call);
    assertThat(CustomerEventSerializer.INSTANCE.deserialize(in)).isEqualTo(sparse);
    assertThat(CustomerEventSerializer.INSTANCE.deserialize(in)).isEqualTo(unicode);
    assertThat(CustomerEventSerializer.INSTANCE.deserialize(in)).isEqualTo(identify);
    assertThat(CustomerEventSerializer.INSTANCE.deserialize(in)).isEqualTo(absorb).isEqualTo(CustomerEventSerializer.INSTANCE.copy(absorb));
    assertThat(CustomerEventSerializer.INSTANCE.deserialize(in)).isEqualTo(emptyPayload);
    assertThat(in.available()).isZero();
  }
}
