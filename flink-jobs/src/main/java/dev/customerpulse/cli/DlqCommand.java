package dev.customerpulse.cli;

import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.avro.DeadLetterHeader;
import dev.customerpulse.connectors.kafka.ConfluentAvroDecoder;
import dev.customerpulse.connectors.kafka.DecodeException;
import dev.customerpulse.connectors.kafka.CommittedTopics;
import dev.customerpulse.connectors.kafka.KafkaSettings;
import dev.customerpulse.dlq.DeadLetterSummary;
import dev.customerpulse.dlq.Republishing;
import dev.customerpulse.job.ConfigException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "dlq", mixinStandardHelpOptions = true,
    description = {"Shows dead letters grouped by reason, and re-publishes selected ones after a fix.", "",
        "Reads the committed dead letters, prints how many there are per reason and source topic with a",
        "few samples each. With --republish, sends the original key, value and headers of the selected",
        "dead letters back to the topic they came from (the job's de-duplication drops any that it did",
        "count after all). Truncated dead letters (a prefix of an oversized record) and dead letters without",
        "a value are never re-published as if whole: the command refuses, or skips them with --skip-incomplete."})
final class DlqCommand implements Callable<Integer> {
  /** Header on a re-published record naming the dead letter it came from. */
  static final String REPUBLISHED_FROM = "dlq.republished-from";

  @Mixin
  ConnectionOptions connection;

  @Option(names = "--samples", defaultValue = "3", description = "Samples shown per reason (default ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--reason", paramLabel = "REASON", description = "Only dead letters with this reason (repeatable).")
  Set<String> reasons = new HashSet<>();

  @Option(names = "--source-topic", paramLabel = "TOPIC", description = "Only dead letters from this input topic.")
  String sourceTopic;

  @Option(names = "--republish", description = "Send the selected dead letters back to their source topics. Needs --reason.")
  boolean republish;

  @Option(names = "--skip-incomplete", description = "With --republish: leave out truncated dead letters and those without a"
      + " value instead of refusing.")
  boolean skipIncomplete;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (republish && reasons.isEmpty()) {
      throw new ConfigException("--republish needs --reason, so that only what a fix covers goes back");
    }
    if (republish && reasons.contains("REDIS_WRITE_FAILED")) {
      throw new ConfigException("REDIS_WRITE_FAILED dead letters hold no input record to re-publish: fix the Redis key they name;"
          + " the profile is written with the customer's next update, or at once by 'pulse redis rebuild'");
    }
    if (samples < 0) {
      throw new ConfigException("--samples must be zero or more");
    }
    PrintWriter out = spec.commandLine().getOut();
    Configuration conf = connection.configuration();
    KafkaSettings kafka = ConnectionOptions.kafka(conf);
    String topic = ConnectionOptions.topics(conf).deadLetters();
    List<ConsumerRecord<byte[], DeadLetter>> letters = read(kafka, topic, new ConfluentAvroDecoder<>(DeadLetter.class,
        ConnectionOptions.registry(conf)));
    List<ConsumerRecord<byte[], DeadLetter>> selected = letters.stream()
        .filter(r -> reasons.isEmpty() || reasons.contains(r.value().getReason()))
        .filter(r -> sourceTopic == null || sourceTopic.equals(r.value().getSourceTopic()))
        .toList();
    out.println(selected.size() + " dead letters in " + topic + (selected.size() == letters.size() ? "" : " selected of " + letters.size()));
    DeadLetterSummary.lines(DeadLetterSummary.group(selected.stream().map(ConsumerRecord::value).toList(), samples))
        .forEach(out::println);
    if (republish) {
      List<ConsumerRecord<byte[], DeadLetter>> whole = selected.stream()
          .filter(r -> Republishing.whyNot(r.value()) == null).toList();
      if (whole.size() < selected.size() && !skipIncomplete) {
        throw new ConfigException(Republishing.refusal(selected.stream().map(ConsumerRecord::value).toList()));
      }
      out.println("republished " + republish(kafka, topic, whole) + " records to their source topics"
          + (whole.size() < selected.size() ? " (" + (selected.size() - whole.size()) + " incomplete ones skipped)" : ""));
    }
    return 0;
  }

  private static List<ConsumerRecord<byte[], DeadLetter>> read(KafkaSettings kafka, String topic,
      ConfluentAvroDecoder<DeadLetter> decoder) throws Exception {
    List<ConsumerRecord<byte[], DeadLetter>> letters = new ArrayList<>();
    CommittedTopics.replay(kafka, topic, record -> {
      try {
        letters.add(new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.key(),
            decoder.decode(record.value())));
      } catch (DecodeException e) {
        throw new IllegalStateException(topic + " holds a record that is not a DeadLetter at " + record.partition() + "@"
            + record.offset() + ": " + e.getMessage(), e);
      }
    });
    return letters;
  }

  private static int republish(KafkaSettings kafka, String topic, List<ConsumerRecord<byte[], DeadLetter>> selected)
      throws Exception {
    List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.clientProperties(Map.of(
        "key.serializer", ByteArraySerializer.class.getName(),
        "value.serializer", ByteArraySerializer.class.getName(),
        "enable.idempotence", "true",
        "acks", "all",
        "client.id", "pulse-dlq")))) {
      for (ConsumerRecord<byte[], DeadLetter> record : selected) {
        DeadLetter letter = record.value();
        ProducerRecord<byte[], byte[]> original = new ProducerRecord<>(letter.getSourceTopic(), null, bytes(letter.getKey()),
            bytes(letter.getValue()));
        for (DeadLetterHeader header : letter.getHeaders()) {
          original.headers().add(header.getKey(), bytes(header.getValue()));
        }
        original.headers().add(REPUBLISHED_FROM,
            (topic + "/" + record.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8));
        sent.add(producer.send(original));
      }
      producer.flush();
      for (java.util.concurrent.Future<?> ack : sent) {
        ack.get();
      }
    }
    return selected.size();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    ByteBuffer view = buffer.duplicate();
    byte[] copy = new byte[view.remaining()];
    view.get(copy);
    return copy;
  }
}
