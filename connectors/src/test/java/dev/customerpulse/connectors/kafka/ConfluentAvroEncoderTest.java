package dev.customerpulse.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.ChurnAlert;
import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.CustomerProfile;
import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.avro.ServiceCallEvent;
import dev.customerpulse.connectors.registry.ConfluentSchemaCoderProvider;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.localstack.LocalStack;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.formats.avro.RegistryAvroSerializationSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fast encoder writes exactly the bytes flink-avro's registry serialization schema writes. */
class ConfluentAvroEncoderTest {
  private static RegistrySettings settings;

  @BeforeAll
  static void registry() {
    settings = RegistrySettings.of(LocalStack.shared().registryUrl());
  }

  /** Fills every field from its schema; {@code nulls} sets every nullable field to null instead. */
  private static Object value(Schema schema, int seed, boolean nulls) {
    return switch (schema.getType()) {
      case NULL -> null;
      case BOOLEAN -> seed % 2 == 0;
      case INT -> seed * 31 - 1_000;
      case LONG -> schema.getLogicalType() != null ? Instant.ofEpochMilli(1_700_000_000_000L + seed) : seed * 7_919L - 50_000;
      case FLOAT -> seed / 7f;
      case DOUBLE -> seed / 3.0 - 10;
      case STRING -> "v" + seed + (seed % 3 == 0 ? "-Zoë" : "");
      case BYTES -> ByteBuffer.wrap(("b" + seed).getBytes(StandardCharsets.UTF_8));
      case ENUM -> SpecificData.get().createEnum(schema.getEnumSymbols().get(seed % schema.getEnumSymbols().size()), schema);
      case RECORD -> record(schema, seed, nulls);
      case ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < 1 + seed % 3; i++) {
          list.add(value(schema.getElementType(), seed + i, nulls));
        }
        yield list;
      }
      case MAP -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < 1 + seed % 3; i++) {
          map.put("k" + i, value(schema.getValueType(), seed + i, nulls));
        }
        yield map;
      }
      case UNION -> {
        Schema other = schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
        yield nulls ? null : value(other, seed, false);
      }
      default -> throw new IllegalArgumentException(schema.toString());
    };
  }

  private static SpecificRecord record(Schema schema, int seed, boolean nulls) {
    SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
    for (Schema.Field field : schema.getFields()) {
      record.put(field.pos(), value(field.schema(), seed + field.pos(), nulls));
    }
    return record;
  }

  @SuppressWarnings("unchecked")
  private static <T extends SpecificRecord> void assertSameBytes(Class<T> type) {
    String topic = type.getSimpleName() + "-" + UUID.randomUUID();
    ConfluentAvroEncoder<T> fast = new ConfluentAvroEncoder<>(type, settings, topic);
    RegistryAvroSerializationSchema<T> avro = RegistryAvroSerializationSchema.forSpecific(type,
        ConfluentSchemaCoderProvider.forWritingTo(settings, topic));
    Schema schema = SpecificData.get().getSchema(type);
    for (int seed = 0; seed < 4; seed++) {
      T record = (T) record(schema, seed * 101, seed % 2 == 1);
      assertThat(fast.encode(record)).as("%s, seed %d", type.getSimpleName(), seed).isEqualTo(avro.serialize(record));
    }
  }

  @Test
  void everyRecordTypeEncodesByteForByteAsAvroDoes() {
    assertSameBytes(CustomerProfile.class);
    assertSameBytes(SegmentChange.class);
    assertSameBytes(ChurnAlert.class);
    assertSameBytes(DeadLetter.class);
    assertSameBytes(ClickEvent.class);
    assertSameBytes(OrderEvent.class);
    assertSameBytes(ServiceCallEvent.class);
  }

  @Test
  void theOutputSchemasUseTheFastPath() {
    for (Class<?> type : List.of(CustomerProfile.class, SegmentChange.class, ChurnAlert.class)) {
      assertThat(FastAvroWriter.supports(SpecificData.get().getSchema(type))).as(type.getSimpleName()).isTrue();
    }
  }
}
