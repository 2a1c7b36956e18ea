package dev.customerpulse.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.ClickType;
import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.avro.IdentityEvent;
import dev.customerpulse.avro.IdentityEventType;
import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.OrderStatus;
import dev.customerpulse.connectors.kafka.ConfluentAvroDecoder;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.DeadLetterLimits;
import dev.customerpulse.ingest.EventLimits;
import dev.customerpulse.ingest.EventMapper;
import dev.customerpulse.ingest.EventValidator;
import dev.customerpulse.ingest.IngestRecord;
import dev.customerpulse.ingest.InputDeserializer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * Poison records at the sources: an oversized record becomes a dead letter the producer can send (a
 * prefix, its size and hash), and an unexpected exception while validating or mapping a record
 * becomes a PROCESSING_ERROR dead letter instead of failing the job.
 */
class InputDeadLettersTest {
  private static final long T = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();

  private static <R extends org.apache.avro.specific.SpecificRecord> ConfluentAvroDecoder<R> decoder(Class<R> type, int id,
      org.apache.avro.Schema schema) {
    return new ConfluentAvroDecoder<>(type, new FixedSchemas(Map.of(id, schema)));
  }

  private static List<IngestRecord> deserialize(InputDeserializer<?> input, ConsumerRecord<byte[], byte[]> record) throws Exception {
    List<IngestRecord> out = new ArrayList<>();
    input.deserialize(record, new ListCollector<>(out));
    return out;
  }

  private static ConsumerRecord<byte[], byte[]> record(String topic, long offset, String key, byte[] value, RecordHeaders headers) {
    return new ConsumerRecord<>(topic, 0, offset, T, TimestampType.CREATE_TIME, key.length(), value.length,
        key.getBytes(StandardCharsets.UTF_8), value, headers, java.util.Optional.empty());
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  private static OrderEvent paid(String id) {
    return OrderEvent.newBuilder().setEventId(id).setOrderId("order-" + id).setCustomerId("ann")
        .setEventTime(Instant.ofEpochMilli(T)).setStatus(OrderStatus.PAID).setLines(List.of())
        .setAmountMinor(1_000).setCurrency("EUR").build();
  }

  @Test
  void aRecordOf1Point5MbBecomesADeadLetterOfItsFirst64KibWithItsSizeAndSha256AndTheFirst64Headers() throws Exception {
    InputDeserializer<ClickEvent> clicks = new InputDeserializer<>("clicks", decoder(ClickEvent.class, 1, ClickEvent.getClassSchema()),
        new EventValidator(EventLimits.defaults())::click, EventMapper::fromClick, null, DeadLetterLimits.DEFAULTS);
    byte[] value = new byte[1_572_864];
    Arrays.fill(value, (byte) 'z');
    RecordHeaders headers = new RecordHeaders();
    for (int i = 0; i < 100; i++) {
      headers.add("h" + i, new byte[] {(byte) i});
    }

    List<IngestRecord> out = deserialize(clicks, record("clicks", 42, "ann", value, headers));

    assertThat(out).hasSize(1);
    DeadLetter letter = out.get(0).deadLetter;
    assertThat(letter.getReason()).isEqualTo("NOT_CONFLUENT_FRAMED");
    assertThat(letter.getDetail()).isEqualTo("first byte is 0x7a, not the Confluent magic byte 0x00");
    assertThat(letter.getOperator()).isEqualTo("source: clicks");
    assertThat(letter.getSourceOffset()).isEqualTo(42);
    assertThat(bytes(letter.getValue())).isEqualTo(Arrays.copyOf(value, 65_536));
    assertThat(letter.getOriginalValueSize()).isEqualTo(1_572_864);
    assertThat(letter.getOriginalValueSha256())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value)));
    assertThat(letter.getTruncated()).isTrue();
    assertThat(letter.getHeaders()).hasSize(64);
    assertThat(letter.getHeaders().get(63).getKey()).isEqualTo("h63");
    assertThat(letter.getHeadersDropped()).isEqualTo(36);
    assertThat(bytes(letter.getKey())).isEqualTo("ann".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aValidatorThatThrowsMakesTheRecordAProcessingErrorWithTheExceptionAndItsOrigin() throws Exception {
    EventValidator.Check<OrderEvent> buggy = (order, now) -> {
      throw new IllegalStateException("no rule for " + order.getCurrency());
    };
    InputDeserializer<OrderEvent> orders = new InputDeserializer<>("orders", decoder(OrderEvent.class, 2, OrderEvent.getClassSchema()),
        buggy, EventMapper::fromOrder, null, DeadLetterLimits.DEFAULTS);
    byte[] value = FixedSchemas.framed(2, paid("o1"));

    List<IngestRecord> out = deserialize(orders, record("orders", 7, "ann", value, new RecordHeaders()));

    assertThat(out).hasSize(1);
    assertThat(out.get(0).event).isNull();
    DeadLetter letter = out.get(0).deadLetter;
    assertThat(letter.getReason()).isEqualTo("PROCESSING_ERROR");
    assertThat(letter.getDetail()).isEqualTo("unexpected IllegalStateException while validating the record: a fault in the job,"
        + " not a known input problem; re-publish it after the fix");
    assertThat(letter.getException()).isEqualTo("java.lang.IllegalStateException: no rule for EUR");
    assertThat(letter.getOperator()).isEqualTo("source: orders");
    assertThat(letter.getSourceTopic()).isEqualTo("orders");
    assertThat(letter.getSourcePartition()).isZero();
    assertThat(letter.getSourceOffset()).isEqualTo(7);
    assertThat(letter.getSourceTimestamp()).isEqualTo(Instant.ofEpochMilli(T));
    assertThat(bytes(letter.getValue())).isEqualTo(value);
    assertThat(letter.getTruncated()).isFalse();
  }

  @Test
  void aMapperThatThrowsOnAnInputWithPersonalDataKeepsTheScrubbedValueAndOnlyTheExceptionsClass() throws Exception {
    EventMapper.Mapping<IdentityEvent> buggy = (identity, timestamp) -> {
      throw new IllegalArgumentException("cannot map " + identity.getEmail());
    };
    InputDeserializer<IdentityEvent> identities = new InputDeserializer<>("identities",
        decoder(IdentityEvent.class, 4, IdentityEvent.getClassSchema()), (identity, now) -> { }, buggy,
        identity -> "scrubbed".getBytes(StandardCharsets.UTF_8), DeadLetterLimits.DEFAULTS);
    IdentityEvent identify = IdentityEvent.newBuilder().setEventId("i1").setEventTime(Instant.ofEpochMilli(T))
        .setType(IdentityEventType.IDENTIFY).setCustomerId("ann").setEmail("ann@example.com").build();

    List<IngestRecord> out = deserialize(identities, record("identities", 3, "ann", FixedSchemas.framed(4, identify),
        new RecordHeaders()));

    DeadLetter letter = out.get(0).deadLetter;
    assertThat(letter.getReason()).isEqualTo("PROCESSING_ERROR");
    assertThat(letter.getDetail()).isEqualTo("unexpected IllegalArgumentException while mapping the record: a fault in the job,"
        + " not a known input problem; re-publish it after the fix");
    assertThat(letter.getException()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(new String(bytes(letter.getValue()), StandardCharsets.UTF_8)).isEqualTo("scrubbed");
    assertThat(letter.getOperator()).isEqualTo("source: identities");
  }

  @Test
  void aGoodRecordStillBecomesItsEvent() throws Exception {
    InputDeserializer<OrderEvent> orders = new InputDeserializer<>("orders", decoder(OrderEvent.class, 2, OrderEvent.getClassSchema()),
        new EventValidator(EventLimits.defaults())::order, EventMapper::fromOrder, null, DeadLetterLimits.DEFAULTS);
    List<IngestRecord> out = deserialize(orders, record("orders", 8, "ann", FixedSchemas.framed(2, paid("o2")), new RecordHeaders()));
    assertThat(out).extracting(r -> r.event).extracting(e -> ((CustomerEvent) e).eventId).containsExactly("o2");
  }
}
