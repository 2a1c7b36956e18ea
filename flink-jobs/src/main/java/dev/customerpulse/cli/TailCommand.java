package dev.customerpulse.cli;

import dev.customerpulse.connectors.kafka.CommittedTopics;
import dev.customerpulse.connectors.kafka.KafkaSettings;
import dev.customerpulse.connectors.registry.ConfluentWireFormat;
import dev.customerpulse.connectors.registry.NotConfluentFramedException;
import dev.customerpulse.connectors.registry.SchemaRegistryClient;
import dev.customerpulse.job.Preflight;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tail", mixinStandardHelpOptions = true,
    description = "Prints the last records of a topic, decoded through the schema registry (read_committed).")
final class TailCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TOPIC", description = "Topic to read, e.g. segment-changes or dead-letters.")
  String topic;

  @Option(names = "--max", defaultValue = "10", description = "How many of the last records (default ${DEFAULT-VALUE}).")
  int max;

  @Option(names = "--follow", description = "Keep printing new records until Ctrl-C.")
  boolean follow;

  @Mixin
  ConnectionOptions connection;

  @Override
  public Integer call() {
    Configuration conf = connection.configuration();
    KafkaSettings kafka = ConnectionOptions.kafka(conf);
    SchemaRegistryClient registry = new SchemaRegistryClient(ConnectionOptions.registry(conf));
    try (KafkaConsumer<byte[], byte[]> consumer = CommittedTopics.consumer(kafka, Map.of())) {
      List<TopicPartition> assigned = CommittedTopics.partitions(consumer, topic);
      consumer.assign(assigned);
      Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(assigned);
      List<ConsumerRecord<byte[], byte[]>> last = new ArrayList<>();
      for (TopicPartition partition : assigned) {
        last.addAll(lastRecords(consumer, partition, begin.get(partition), end.get(partition)));
      }
      consumer.assign(assigned);
      end.forEach(consumer::seek);
      last.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
      last.subList(0, Math.max(0, last.size() - max)).clear();
      Printer printer = new Printer(registry);
      last.forEach(printer::print);
      if (last.isEmpty()) {
        System.out.println("(no committed records in " + topic + ")");
      }
      while (follow) {
        consumer.poll(Duration.ofMillis(500)).forEach(printer::print);
      }
    }
    return 0;
  }

  /**
   * The last {@code max} records of a partition. Transactional topics end in commit markers that
   * take offsets but are no records, so the window widens until it holds enough records.
   */
  private List<ConsumerRecord<byte[], byte[]>> lastRecords(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition,
      long begin, long end) {
    long window = Math.max(1, max);
    while (true) {
      long from = Math.max(begin, end - window);
      consumer.assign(List.of(partition));
      consumer.seek(partition, from);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.currentTimeMillis() + 10_000;
      while (consumer.position(partition) < end && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      if (records.size() >= max || from == begin) {
        return records.subList(Math.max(0, records.size() - max), records.size());
      }
      window *= 4;
    }
  }

  /** Decodes any Confluent-framed Avro record with its writer schema and prints it as one line. */
  private static final class Printer {
    private final SchemaRegistryClient registry;
    private final Map<Integer, GenericDatumReader<GenericRecord>> readers = new HashMap<>();

    Printer(SchemaRegistryClient registry) {
      this.registry = registry;
    }

    void print(ConsumerRecord<byte[], byte[]> record) {
      String key = record.key() == null ? "-" : new String(record.key(), StandardCharsets.UTF_8);
      StringBuilder line = new StringBuilder()
          .append(Instant.ofEpochMilli(record.timestamp())).append(" p").append(record.partition())
          .append('@').append(record.offset()).append(" key=").append(key);
      for (Header header : record.headers()) {
        if (header.key().startsWith("dlq.") && !header.key().equals("dlq.exception")) {
          line.append(' ').append(header.key()).append('=').append(new String(header.value(), StandardCharsets.UTF_8));
        }
      }
      System.out.println(line);
      System.out.println("  " + decode(record.value()));
    }

    private String decode(byte[] value) {
      if (value == null) {
        return "(tombstone: the key's record is deleted)";
      }
      try {
        int id = ConfluentWireFormat.schemaId(value);
        GenericDatumReader<GenericRecord> reader = readers.get(id);
        if (reader == null) {
          Schema schema = registry.schemaById(id);
          reader = new GenericDatumReader<>(schema);
          readers.put(id, reader);
        }
        GenericRecord decoded = reader.read(null, DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
        return decoded.toString();
      } catch (NotConfluentFramedException e) {
        return "(not Confluent-framed Avro: " + e.getMessage() + ")";
      } catch (Exception e) {
        return "(cannot decode: " + Preflight.rootMessage(e) + ")";
      }
    }
  }
}
