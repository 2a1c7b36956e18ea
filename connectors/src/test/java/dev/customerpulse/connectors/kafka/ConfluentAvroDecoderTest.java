package dev.customerpulse.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customerpulse.avro.ClickChannel;
import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.ClickType;
import dev.customerpulse.avro.DeviceType;
import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.OrderStatus;
import dev.customerpulse.connectors.registry.ConfluentSchemaCoderProvider;
import dev.customerpulse.connectors.registry.ConfluentWireFormat;
import dev.customerpulse.connectors.registry.RegistryRetries;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.connectors.registry.SchemaRegistryClient;
import dev.customerpulse.localstack.LocalStack;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.formats.avro.RegistryAvroSerializationSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Decoding Confluent-framed records against a real registry, good and bad. */
class ConfluentAvroDecoderTest {
  private static RegistrySettings settings;
  private final String topic = "clicks-" + UUID.randomUUID();

  @BeforeAll
  static void registry() {
    settings = RegistrySettings.of(LocalStack.shared().registryUrl());
  }

  static ClickEvent click() {
    return ClickEvent.newBuilder()
        .setEventId("e-1").setCustomerId("c-1").setSessionId("s-1")
        .setEventTime(Instant.ofEpochMilli(1_700_000_000_123L)).setType(ClickType.ADD_TO_CART)
        .setProductId("p-9").setCategory("audio").setPriceMinor(4_999L).setCurrency("EUR")
        .setChannel(ClickChannel.IOS_APP).setDevice(DeviceType.MOBILE)
        .build();
  }

  private byte[] framed(ClickEvent event) {
    return RegistryAvroSerializationSchema.forSpecific(ClickEvent.class, ConfluentSchemaCoderProvider.forWritingTo(settings, topic))
        .serialize(event);
  }

  private final ConfluentAvroDecoder<ClickEvent> decoder = new ConfluentAvroDecoder<>(ClickEvent.class, settings);

  @Test
  void roundTripsThroughTheConfluentWireFormat() throws Exception {
    byte[] bytes = framed(click());

    int registeredId = new SchemaRegistryClient(settings)
        .lookup(ConfluentWireFormat.valueSubject(topic), ClickEvent.getClassSchema()).getAsInt();
    assertThat(bytes[0]).isZero();
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registeredId);
    assertThat(ConfluentWireFormat.schemaId(bytes)).isEqualTo(registeredId);
    assertThat(decoder.decode(bytes)).isEqualTo(click());
  }

  @Test
  void readsRecordsWrittenWithAnOlderSchemaIntoTheCurrentOne() throws Exception {
    // An older producer that knew neither channel nor device.
    Schema old = new Schema.Parser().parse("""
        {"type":"record","name":"ClickEvent","namespace":"dev.customerpulse.avro","fields":[
          {"name":"event_id","type":"string"},
          {"name":"customer_id","type":["null","string"],"default":null},
          {"name":"event_time","type":{"type":"long","logicalType":"timestamp-millis"}},
          {"name":"type","type":{"type":"enum","name":"ClickType","symbols":["PAGE_VIEW","PRODUCT_VIEW","SEARCH","ADD_TO_CART","REMOVE_FROM_CART","CHECKOUT_START","LOGIN","LOGOUT","OTHER"]}}]}""");
    GenericRecord record = new GenericData.Record(old);
    record.put("event_id", "e-old");
    record.put("customer_id", "c-7");
    record.put("event_time", 1_600_000_000_000L);
    record.put("type", new GenericData.EnumSymbol(old.getField("type").schema(), "PAGE_VIEW"));
    byte[] bytes = RegistryAvroSerializationSchema.forGeneric(old, ConfluentSchemaCoderProvider.forWritingTo(settings, topic))
        .serialize(record);

    ClickEvent decoded = decoder.decode(bytes);

    assertThat(decoded.getEventId()).isEqualTo("e-old");
    assertThat(decoded.getCustomerId()).isEqualTo("c-7");
    assertThat(decoded.getEventTime()).isEqualTo(Instant.ofEpochMilli(1_600_000_000_000L));
    assertThat(decoded.getType()).isEqualTo(ClickType.PAGE_VIEW);
    assertThat(decoded.getChannel()).isEqualTo(ClickChannel.OTHER);
    assertThat(decoded.getDevice()).isEqualTo(DeviceType.OTHER);
    assertThat(decoded.getAnonymousId()).isNull();
  }

  @Test
  void emptyValueIsAnEmptyRecord() {
    assertReason(new byte[0], DeadLetterReason.EMPTY_RECORD, "record value is empty");
    assertReason(null, DeadLetterReason.EMPTY_RECORD, "record value is empty");
  }

  @Test
  void wrongMagicByteIsNotConfluentFramed() {
    byte[] bytes = framed(click());
    bytes[0] = 7;
    assertReason(bytes, DeadLetterReason.NOT_CONFLUENT_FRAMED, "first byte is 0x07, not the Confluent magic byte 0x00");
    assertReason("{\"json\":true}".getBytes(), DeadLetterReason.NOT_CONFLUENT_FRAMED,
        "first byte is 0x7b, not the Confluent magic byte 0x00");
  }

  @Test
  void headerShorterThanFiveBytesIsNotConfluentFramed() {
    assertReason(new byte[] {0, 0, 1}, DeadLetterReason.NOT_CONFLUENT_FRAMED,
        "record is 3 bytes, shorter than the 5-byte Confluent header");
  }

  @Test
  void unknownSchemaIdIsReportedWithTheId() {
    byte[] bytes = framed(click());
    bytes[1] = 0x7f;
    bytes[2] = (byte) 0xff;
    bytes[3] = 0;
    bytes[4] = 1;
    ConfluentAvroDecoder<ClickEvent> patient = new ConfluentAvroDecoder<>(ClickEvent.class, settings.withRetries(
        RegistryRetries.defaults().withUnknownIdRetries(1, Duration.ofMillis(20), Duration.ofMinutes(1))));
    assertThatThrownBy(() -> patient.decode(bytes)).isInstanceOfSatisfying(DecodeException.class, e -> {
      assertThat(e.reason()).isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA_ID);
      assertThat(e.getMessage()).isEqualTo("schema id 2147418113 is not known to the registry at " + settings.url()
          + " (asked 2 times over 20 ms)");
    });
  }

  @Test
  void truncatedBodyIsUndecodable() {
    byte[] bytes = framed(click());
    assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(bytes, bytes.length - 6)))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.UNDECODABLE_AVRO));
  }

  @Test
  void absurdLengthPrefixIsRefusedWithoutAllocatingIt() {
    byte[] header = Arrays.copyOf(framed(click()), 5);
    // event_id length as a zig-zag varint of ~1 GiB.
    byte[] body = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 'x'};
    byte[] bytes = new byte[header.length + body.length];
    System.arraycopy(header, 0, bytes, 0, header.length);
    System.arraycopy(body, 0, bytes, header.length, body.length);

    assertThatThrownBy(() -> decoder.decode(bytes))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.UNDECODABLE_AVRO))
        .hasCauseInstanceOf(org.apache.avro.SystemLimitException.class)
        .hasMessageContaining("String length 1073741824 exceeds maximum allowed");
  }

  @Test
  void recordOfAnotherTypeIsAnIncompatibleSchema() {
    String orders = "orders-" + UUID.randomUUID();
    OrderEvent order = OrderEvent.newBuilder().setEventId("o-e").setOrderId("o-1").setCustomerId("c-1")
        .setEventTime(Instant.ofEpochMilli(1)).setStatus(OrderStatus.PAID).setLines(List.of())
        .setAmountMinor(100).setCurrency("EUR").build();
    byte[] bytes = RegistryAvroSerializationSchema.forSpecific(OrderEvent.class, ConfluentSchemaCoderProvider.forWritingTo(settings, orders))
        .serialize(order);

    assertThatThrownBy(() -> decoder.decode(bytes))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.INCOMPATIBLE_SCHEMA))
        .hasMessageStartingWith("writer schema cannot be read as ClickEvent: ");
  }

  @Test
  void bytesLeftAfterTheRecordAreUndecodable() {
    byte[] good = framed(click());
    byte[] longer = Arrays.copyOf(good, good.length + 3);
    assertThatThrownBy(() -> decoder.decode(longer))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.UNDECODABLE_AVRO))
        .hasMessage("Avro body cannot be decoded: IOException: bytes left after the record: the writer schema does not describe this record");
  }

  @Test
  void aBadRecordDoesNotSpoilTheNextGoodOne() throws Exception {
    byte[] good = framed(click());
    assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(good, good.length - 3))).isInstanceOf(DecodeException.class);
    assertThat(decoder.decode(good)).isEqualTo(click());
  }

  private void assertReason(byte[] bytes, DeadLetterReason reason, String message) {
    assertThatThrownBy(() -> decoder.decode(bytes))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessage(message);
  }
}
