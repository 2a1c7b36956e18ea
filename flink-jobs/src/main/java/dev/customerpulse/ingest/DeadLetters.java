package dev.customerpulse.ingest;

import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.connectors.kafka.DecodeException;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Builds the dead letter for a rejected input record, keeping as much of it as {@link DeadLetterLimits} allow. */
public final class DeadLetters {
  private DeadLetters() {}

  /**
   * @param operator the part of the job that rejected the record (see {@code DeadLetter.operator})
   */
  public static DeadLetter of(ConsumerRecord<byte[], byte[]> record, DecodeException failure, String operator,
      DeadLetterLimits limits) {
    return of(record, record.value(), failure, operator, limits);
  }

  /** A dead letter that keeps {@code value} instead of the record's own (a scrubbed copy, or null when withheld). */
  public static DeadLetter of(ConsumerRecord<byte[], byte[]> record, byte[] value, DecodeException failure, String operator,
      DeadLetterLimits limits) {
    Throwable cause = failure.getCause();
    DeadLetter.Builder letter = DeadLetter.newBuilder()
        .setReason(failure.reason().name())
        .setDetail(DeadLetterBounds.text(failure.getMessage()))
        .setException(cause == null ? null : DeadLetterBounds.text(cause.getClass().getName() + ": " + cause.getMessage()))
        .setSourceTopic(record.topic())
        .setSourcePartition(record.partition())
        .setSourceOffset(record.offset())
        .setSourceTimestamp(Instant.ofEpochMilli(Math.max(0, record.timestamp())))
        .setOperator(operator);
    return DeadLetterBounds.contents(letter, record.key(), value, record.headers(), limits).build();
  }
}
