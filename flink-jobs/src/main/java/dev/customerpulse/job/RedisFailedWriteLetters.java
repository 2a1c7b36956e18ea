package dev.customerpulse.job;

import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.connectors.kafka.DeadLetterReason;
import dev.customerpulse.connectors.kafka.DeadLetterSerializer;
import dev.customerpulse.connectors.kafka.KafkaSettings;
import dev.customerpulse.connectors.redis.RedisFailedWrites;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.engine.ProfileUpdate;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Profile writes Redis refused for their key alone become dead letters ({@code REDIS_WRITE_FAILED}) on
 * the dead-letters topic, sent by the Redis writer itself through its own idempotent producer (not
 * the job's transactional sink: the writer is the last step of the job). At least once: every letter
 * is acknowledged before the checkpoint completes, and a replay after a restart may send one again.
 * The letter names the customer (its key: a customer id or pseudonym, never contact details), the
 * Redis key and version, and Redis' answer; it has no value: the profile stays in the job's state
 * and is written with the customer's next update, or by {@code pulse redis rebuild}, once the key is
 * fixed.
 */
public final class RedisFailedWriteLetters implements RedisFailedWrites<ProfileUpdate> {
  private static final long serialVersionUID = 1L;
  /** Where the letters say they come from: not an input topic ({@code pulse dlq --republish} refuses them). */
  static final String SOURCE = "redis";

  private final KafkaSettings kafka;
  private final RegistrySettings registry;
  private final String topic;

  public RedisFailedWriteLetters(KafkaSettings kafka, RegistrySettings registry, String topic) {
    this.kafka = kafka;
    this.registry = registry;
    this.topic = topic;
  }

  /** The dead letter of one refused write. */
  static DeadLetter letter(String customerId, long version, String key, String error, Instant at) {
    return DeadLetter.newBuilder()
        .setReason(DeadLetterReason.REDIS_WRITE_FAILED.name())
        .setDetail("Redis refused profile version " + version + " of customer " + customerId + " at key " + key
            + "; the rest of the batch was written. Fix or delete the key: the profile is written with the customer's next"
            + " update, or by 'pulse redis rebuild'")
        .setException(error)
        .setSourceTopic(SOURCE)
        .setSourcePartition(-1)
        .setSourceOffset(-1)
        .setSourceTimestamp(at)
        .setKey(ByteBuffer.wrap(customerId.getBytes(StandardCharsets.UTF_8)))
        .setValue(null)
        .setHeaders(List.of())
        .build();
  }

  @Override
  public Handler<ProfileUpdate> open(int subtask) {
    return new Letters(subtask);
  }

  private final class Letters implements Handler<ProfileUpdate> {
    private final int subtask;
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    /** Made at the first failed write: most writers never have one. */
    private KafkaProducer<byte[], byte[]> producer;
    private DeadLetterSerializer serializer;

    Letters(int subtask) {
      this.subtask = subtask;
    }

    @Override
    public void failed(ProfileUpdate profile, String customerId, long version, String key, String error) {
      if (producer == null) {
        serializer = new DeadLetterSerializer(topic, registry);
        producer = new KafkaProducer<>(kafka.clientProperties(Map.of(
            "key.serializer", ByteArraySerializer.class.getName(),
            "value.serializer", ByteArraySerializer.class.getName(),
            "enable.idempotence", "true",
            "acks", "all",
            "client.id", "customer-pulse-redis-failed-writes-" + subtask)));
      }
      var record = serializer.serialize(letter(customerId, version, key, error, Instant.now()), null, null);
      producer.send(record, (metadata, e) -> {
        if (e != null) {
          sendFailure.compareAndSet(null, e);
        }
      });
    }

    @Override
    public void flush() throws IOException {
      if (producer == null) {
        return;
      }
      producer.flush();
      Exception failure = sendFailure.getAndSet(null);
      if (failure != null) {
        throw new IOException("a REDIS_WRITE_FAILED dead letter could not be written to " + topic + ": " + failure.getMessage(),
            failure);
      }
    }

    @Override
    public void close() {
      if (producer != null) {
        producer.close(Duration.ofSeconds(10));
      }
    }
  }
}
