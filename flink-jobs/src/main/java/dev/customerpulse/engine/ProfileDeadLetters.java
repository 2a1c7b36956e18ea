package dev.customerpulse.engine;

import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.connectors.kafka.DeadLetterReason;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.DeadLetterBounds;
import dev.customerpulse.ingest.DeadLetterLimits;
import dev.customerpulse.identity.HandoffRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Dead letters raised by the profile operator itself, for events it cannot place or could not apply.
 * The operator knows no Kafka origin of an event (it crossed the keyBy without one): its letters
 * name the customer-handoffs topic with partition and offset -1, and hold the event as that topic
 * carries it, so that pulse dlq can re-publish it there.
 */
public final class ProfileDeadLetters {
  private ProfileDeadLetters() {}

  /**
   * An event forwarded between merged ids until the hop limit: the ids' merges form a loop. The
   * value is the event in the job's own encoding (as on the customer-handoffs topic); the offset is
   * unknown, so -1.
   */
  static DeadLetter loop(CustomerEvent event, String key, String handoffTopic) {
    byte[] value;
    try {
      value = HandoffRecords.encode(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return DeadLetter.newBuilder()
        .setReason(DeadLetterReason.IDENTITY_LOOP.name())
        .setDetail("event " + event.eventId + " (" + event.kind + ") was forwarded " + event.hops + " times between merged ids"
            + " and reached " + key + " again: merges form a loop; fix them with a MERGE into one surviving id")
        .setSourceTopic(handoffTopic)
        .setSourcePartition(-1)
        .setSourceOffset(-1)
        .setSourceTimestamp(Instant.ofEpochMilli(Math.max(0, event.sourceTimestamp)))
        .setKey(ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)))
        .setValue(ByteBuffer.wrap(value))
        .setHeaders(List.of())
        .build();
  }

  /**
   * An event the engine threw on (a fault in the job): the exception, the operator, the customer's
   * key, and the event as on the customer-handoffs topic.
   */
  public static DeadLetter eventFailed(CustomerEvent event, String key, String handoffTopic, String operator, RuntimeException e,
      DeadLetterLimits limits) {
    byte[] value;
    try {
      value = HandoffRecords.encode(event);
    } catch (IOException | RuntimeException notEncodable) {
      value = null;
    }
    DeadLetter.Builder letter = failed(handoffTopic, operator, e, event.sourceTimestamp)
        .setDetail(DeadLetterBounds.text("unexpected " + e.getClass().getSimpleName() + " while applying event " + event.eventId
            + " (" + event.kind + ") to " + key + ": a fault in the job, not a known input problem; the customer's state is as"
            + " before the event, and the value is the event as on " + handoffTopic + ", where pulse dlq re-publishes it"));
    return DeadLetterBounds.contents(letter, key.getBytes(StandardCharsets.UTF_8), value, List.of(), limits).build();
  }

  /**
   * A customer's timer the engine threw on: the customer's state is as before the timer, which is set
   * again for {@code retryAt} ({@link Long#MIN_VALUE}: not set again). No record to re-publish.
   */
  public static DeadLetter timerFailed(String key, long timestamp, long retryAt, String handoffTopic, String operator,
      RuntimeException e, DeadLetterLimits limits) {
    DeadLetter.Builder letter = failed(handoffTopic, operator, e, timestamp)
        .setDetail(DeadLetterBounds.text("unexpected " + e.getClass().getSimpleName() + " in the timer of " + key + " at "
            + Instant.ofEpochMilli(timestamp) + ": a fault in the job; the customer's state is as before the timer, "
            + (retryAt == Long.MIN_VALUE ? "which is not set again" : "which fires again at " + Instant.ofEpochMilli(retryAt))));
    return DeadLetterBounds.contents(letter, key.getBytes(StandardCharsets.UTF_8), null, List.of(), limits).build();
  }

  private static DeadLetter.Builder failed(String handoffTopic, String operator, RuntimeException e, long timestamp) {
    return DeadLetter.newBuilder()
        .setReason(DeadLetterReason.PROCESSING_ERROR.name())
        .setException(DeadLetterBounds.text(e.getClass().getName() + ": " + e.getMessage()))
        .setOperator(operator)
        .setSourceTopic(handoffTopic)
        .setSourcePartition(-1)
        .setSourceOffset(-1)
        .setSourceTimestamp(Instant.ofEpochMilli(Math.max(0, timestamp)));
  }
}
