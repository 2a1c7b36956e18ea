package dev.customerpulse.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.ClickType;
import dev.customerpulse.connectors.kafka.ConfluentAvroDecoder;
import dev.customerpulse.connectors.kafka.DeadLetterReason;
import dev.customerpulse.connectors.kafka.DecodeException;
import dev.customerpulse.connectors.registry.ConfluentSchemaCoderProvider;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.localstack.LocalStack;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.formats.avro.RegistryAvroSerializationSchema;
import org.junit.jupiter.api.Test;

/** Each way the generator spoils a record ends up as the dead-letter reason it is meant to show. */
class CorruptionTest {

  @Test
  void everyCorruptionIsRecognisedForWhatItIs() throws Exception {
    RegistrySettings registry = RegistrySettings.of(LocalStack.shared().registryUrl());
    ClickEvent click = ClickEvent.newBuilder().setEventId("e").setCustomerId("c").setEventTime(Instant.EPOCH)
        .setType(ClickType.PAGE_VIEW).build();
    byte[] good = RegistryAvroSerializationSchema.forSpecific(ClickEvent.class,
        ConfluentSchemaCoderProvider.forWritingTo(registry, "corruption-" + UUID.randomUUID())).serialize(click);
    ConfluentAvroDecoder<ClickEvent> decoder = new ConfluentAvroDecoder<>(ClickEvent.class, registry);
    assertThat(decoder.decode(EventProducer.corrupt(good, GeneratedEvent.Corruption.NONE))).isEqualTo(click);

    Map<GeneratedEvent.Corruption, DeadLetterReason> expected = Map.of(
        GeneratedEvent.Corruption.GARBAGE, DeadLetterReason.NOT_CONFLUENT_FRAMED,
        GeneratedEvent.Corruption.WRONG_MAGIC_BYTE, DeadLetterReason.NOT_CONFLUENT_FRAMED,
        GeneratedEvent.Corruption.UNKNOWN_SCHEMA_ID, DeadLetterReason.UNKNOWN_SCHEMA_ID,
        GeneratedEvent.Corruption.TRUNCATED, DeadLetterReason.UNDECODABLE_AVRO,
        GeneratedEvent.Corruption.EMPTY, DeadLetterReason.EMPTY_RECORD);
    for (var entry : expected.entrySet()) {
      DecodeException failure = catchThrowableOfType(DecodeException.class,
          () -> decoder.decode(EventProducer.corrupt(good, entry.getKey())));
      assertThat(failure).as("%s", entry.getKey()).isNotNull();
      assertThat(failure.reason()).as("%s", entry.getKey()).isEqualTo(entry.getValue());
    }
  }
}
