package dev.customerpulse.cli;

import dev.customerpulse.avro.PrivacyOutcome;
import dev.customerpulse.avro.PrivacyReceipt;
import dev.customerpulse.avro.PrivacyRequest;
import dev.customerpulse.connectors.kafka.CommittedTopics;
import dev.customerpulse.connectors.kafka.ConfluentAvroDecoder;
import dev.customerpulse.connectors.kafka.KafkaSettings;
import dev.customerpulse.connectors.registry.ConfluentSchemaCoderProvider;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.job.ConfigException;
import dev.customerpulse.job.Preflight;
import dev.customerpulse.job.Topics;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.formats.avro.RegistryAvroSerializationSchema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * One data-subject request on its way through the job: published to privacy-requests, answered on
 * privacy-receipts. The receipts are read from the end offsets the topic had before the request was
 * published, so no receipt is missed however fast the job answers, and receipts of an earlier request
 * with the same id are not taken for this one's.
 */
final class PrivacyRoundTrip {
  /** How often a waiting command says that it still waits. */
  static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  /**
   * The receipts of one request so far.
   *
   * @param resolved the RESOLVED receipt of a request by email or phone, or null
   * @param answers the receipt of each customer, by customer id, in the order they are expected
   */
  record Answer(PrivacyRequest request, PrivacyReceipt resolved, Map<String, PrivacyReceipt> answers) {
    /** By customer id: its one receipt came. By email or phone: it was resolved, and every customer it named answered. */
    boolean complete() {
      if (request.getCustomerId() != null) {
        return !answers.isEmpty();
      }
      return resolved != null && answers.keySet().containsAll(resolved.getForwardedTo());
    }
  }

  private final KafkaSettings kafka;
  private final RegistrySettings registry;
  private final Topics topics;

  PrivacyRoundTrip(KafkaSettings kafka, RegistrySettings registry, Topics topics) {
    this.kafka = kafka;
    this.registry = registry;
    this.topics = topics;
  }

  /**
   * Publishes {@code request} and collects its receipts until they are complete or {@code timeout}
   * has passed (then the answer is incomplete); says on {@code progress} that it waits.
   */
  Answer submit(PrivacyRequest request, Duration timeout, String subject, PrintWriter progress) {
    byte[] key = request.getRequestId().getBytes(StandardCharsets.UTF_8);
    ConfluentAvroDecoder<PrivacyReceipt> decoder = new ConfluentAvroDecoder<>(PrivacyReceipt.class, registry);
    Answer answer = new Answer(request, null, new LinkedHashMap<>());
    // A broker that creates topics on first use would create them without their deadlines.
    try (KafkaConsumer<byte[], byte[]> consumer = CommittedTopics.consumer(kafka, Map.of("allow.auto.create.topics", "false"))) {
      partitions(consumer, topics.privacyRequests());
      List<TopicPartition> partitions = partitions(consumer, topics.privacyReceipts());
      consumer.assign(partitions);
      consumer.endOffsets(partitions).forEach(consumer::seek);
      publish(request);
      progress.println("request " + request.getRequestId() + " for " + subject + " is on " + topics.privacyRequests()
          + "; waiting for the job…");
      long start = System.nanoTime();
      long deadline = start + timeout.toNanos();
      long nextProgress = start + PROGRESS_EVERY.toNanos();
      while (!answer.complete() && System.nanoTime() < deadline) {
        long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(Math.min(200, left)))) {
          if (Arrays.equals(key, record.key()) && record.value() != null) {
            answer = with(answer, decoder.decode(record.value()), subject, progress);
          }
        }
        if (System.nanoTime() >= nextProgress && !answer.complete()) {
          // The time of the mark passed, not of the moment printed: a slow poll does not make it 6 s, 11 s, ...
          progress.println("waiting for the job… " + TimeUnit.NANOSECONDS.toSeconds(nextProgress - start) + " s");
          nextProgress += PROGRESS_EVERY.toNanos();
        }
      }
    } catch (ConfigException e) {
      throw e;
    } catch (Exception e) {
      throw new ConfigException("cannot read " + topics.privacyReceipts() + ": " + Preflight.rootMessage(e));
    }
    return answer;
  }

  /** The answer with one more receipt of the request; a receipt already taken (a job that answered twice) is ignored. */
  private static Answer with(Answer answer, PrivacyReceipt receipt, String subject, PrintWriter progress) {
    if (!receipt.getRequestId().equals(answer.request().getRequestId())) {
      return answer;
    }
    if (receipt.getOutcome() == PrivacyOutcome.RESOLVED) {
      if (answer.resolved() != null) {
        return answer;
      }
      int customers = receipt.getForwardedTo().size();
      progress.println(subject + " is " + receipt.getSubject() + ", seen with " + customers + " customer"
          + (customers == 1 ? "" : "s") + (customers == 0 ? "" : "; waiting for their receipts…"));
      return new Answer(answer.request(), receipt, answer.answers());
    }
    answer.answers().putIfAbsent(receipt.getSubject(), receipt);
    return answer;
  }

  private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
    try {
      return CommittedTopics.partitions(consumer, topic);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage() + "; create it with 'pulse topics create'");
    }
  }

  private void publish(PrivacyRequest request) {
    byte[] value;
    try {
      value = RegistryAvroSerializationSchema.forSpecific(PrivacyRequest.class,
          ConfluentSchemaCoderProvider.forWritingTo(registry, topics.privacyRequests())).serialize(request);
    } catch (RuntimeException e) {
      throw new ConfigException("cannot encode the request for " + topics.privacyRequests() + ": " + Preflight.rootMessage(e));
    }
    OneRecord.send(kafka, "pulse-privacy", topics.privacyRequests(), request.getRequestId(), value);
  }
}
