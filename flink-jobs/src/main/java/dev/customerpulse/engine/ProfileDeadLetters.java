package dev.customerpulse.engine;

import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.connectors.kafka.DeadLetterReason;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.identity.HandoffRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Dead letters raised by the profile operator itself, for events it cannot place. */
final class ProfileDeadLetters {
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
}
