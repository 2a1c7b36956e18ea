package dev.customerpulse.rules;

import dev.customerpulse.avro.SegmentRule;
import dev.customerpulse.connectors.kafka.ConfluentAvroDecoder;
import dev.customerpulse.connectors.registry.RegistrySettings;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the segment-rules topic: a SegmentRule record is a rule, a tombstone (null value) removes
 * the rule named by the key. A record that cannot be read becomes a command carrying the problem,
 * which the job reports on the status topic instead of failing.
 */
public final class RuleRecords implements KafkaRecordDeserializationSchema<RuleCommand> {
  private final ConfluentAvroDecoder<SegmentRule> decoder;

  public RuleRecords(RegistrySettings registry) {
    this.decoder = new ConfluentAvroDecoder<>(SegmentRule.class, registry);
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RuleCommand> out) {
    out.collect(read(record.key(), record.value()));
  }

  RuleCommand read(byte[] key, byte[] value) {
    String name = key == null ? null : new String(key, StandardCharsets.UTF_8);
    if (value == null) {
      return name == null ? RuleCommand.unreadable("", "a tombstone without a key names no rule") : RuleCommand.removal(name);
    }
    SegmentRule rule;
    try {
      rule = decoder.decode(value);
    } catch (Exception e) {
      return RuleCommand.unreadable(name == null ? "" : name, "the record is not a readable SegmentRule: " + e.getMessage());
    }
    if (name != null && !name.equals(rule.getName())) {
      return RuleCommand.unreadable(rule.getName(), "the record key '" + name + "' differs from the rule name '"
          + rule.getName() + "' (compaction keeps one record per key)");
    }
    RuleCommand command = RuleCommand.rule(rule.getName(), rule.getExpression(), rule.getVersion(), rule.getMode().name(),
        rule.getDescription());
    return command;
  }

  @Override
  public TypeInformation<RuleCommand> getProducedType() {
    return TypeInformation.of(RuleCommand.class);
  }
}
