package dev.customerpulse.ingest;

import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.avro.DeadLetterHeader;
import dev.customerpulse.connectors.kafka.DecodeException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Builds the dead letter for a rejected input record, keeping the record whole. */
public final class DeadLetters {
  private DeadLetters() {}

  public static DeadLetter of(ConsumerRecord<byte[], byte[]> record, DecodeException failure) {
    List<DeadLetterHeader> headers = new ArrayList<>();
    for (Header header : record.headers()) {
      headers.add(new DeadLetterHeader(header.key(), header.value() == null ? null : ByteBuffer.wrap(header.value())));
    }
    Throwable cause = failure.getCause();
    return DeadLetter.newBuilder()
        .setReason(failure.reason().name())
        .setDetail(failure.getMessage())
        .setException(cause == null ? null : cause.getClass().getName() + ": " + cause.getMessage())
        .setSourceTopic(record.topic())
        .setSourcePartition(record.partition())
        .setSourceOffset(record.offset())
        .setSourceTimestamp(Instant.ofEpochMilli(Math.max(0, record.timestamp())))
        .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
        .setValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
        .setHeaders(headers)
        .build();
  }
}
