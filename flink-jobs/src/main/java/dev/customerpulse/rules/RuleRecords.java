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

  /**
   * Shadow versions go under their own key, {@code <name>/shadow}, so that compaction never drops
   * the live version of a rule in favour of a trial.
   */
  public static final String SHADOW_KEY_SUFFIX = "/shadow";

  /** The record key of a rule version. */
  public static String key(String name, boolean shadow) {
    return shadow ? name + SHADOW_KEY_SUFFIX : name;
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RuleCommand> out) {
    RuleCommand command = read(record.key(), record.value());
    if (command != null) {
      out.collect(command);
    }
  }

  /** The command a record stands for, or null for one that means nothing (a shadow key's tombstone). */
  RuleCommand read(byte[] key, byte[] value) {
    String name = key == null ? null : new String(key, StandardCharsets.UTF_8);
    if (value == null) {
      if (name != null && name.endsWith(SHADOW_KEY_SUFFIX)) {
        return null;
      }
      return name == null ? RuleCommand.unreadable("", "a tombstone without a key names no rule") : RuleCommand.removal(name);
    }
    SegmentRule rule;
    try {
      rule = decoder.decode(value);
    } catch (Exception e) {
      return RuleCommand.unreadable(name == null ? "" : name, "the record is not a readable SegmentRule: " + e.getMessage());
    }
    if (name != null && !name.equals(key(rule.getName(), rule.getMode() == dev.customerpulse.avro.SegmentRuleMode.SHADOW))) {
      return RuleCommand.unreadable(rule.getName(), "the record key '" + name + "' is not the rule's key '"
          + key(rule.getName(), rule.getMode() == dev.customerpulse.avro.SegmentRuleMode.SHADOW)
          + "' (compaction keeps one record per key)");
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
