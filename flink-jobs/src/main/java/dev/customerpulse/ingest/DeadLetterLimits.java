package dev.customerpulse.ingest;

import java.io.Serializable;

/**
 * How much of a rejected record a dead letter keeps, so that no dead letter is larger than the
 * producer may send: a record of 1 MB kept whole would be a dead letter over the producer's
 * {@code max.request.size}, whose send fails the job, whose replay meets the record again.
 *
 * @param maxValueBytes the value's first bytes kept (the rest is described by its size and SHA-256)
 * @param maxKeyBytes the key's first bytes kept
 * @param maxHeaders most original headers kept, in order
 * @param maxHeaderBytes most bytes of original headers (keys and values) kept, in order
 */
public record DeadLetterLimits(int maxValueBytes, int maxKeyBytes, int maxHeaders, int maxHeaderBytes) implements Serializable {
  /** Longest detail or exception text a dead letter keeps, in characters. */
  public static final int MAX_TEXT_CHARS = 2_000;
  /** What a dead letter holds besides value, key, headers and texts, generously: topic names, reason, operator, hashes, Kafka's record and batch framing. */
  static final int FIXED_BYTES = 8 * 1024;
  /** Avro's and Kafka's framing per kept header (lengths, union index), at most. */
  static final int PER_HEADER_BYTES = 16;

  public static final DeadLetterLimits DEFAULTS = new DeadLetterLimits(64 * 1024, 4 * 1024, 64, 16 * 1024);

  public DeadLetterLimits {
    if (maxValueBytes < 0 || maxKeyBytes < 0 || maxHeaders < 0 || maxHeaderBytes < 0) {
      throw new IllegalArgumentException("dead-letter limits must be 0 or more");
    }
  }

  /**
   * An upper bound of the bytes one dead letter takes in a produce request: the key twice (the record's
   * key and the Avro field), the value, the headers, the detail and the exception (in the Avro record and
   * the {@code dlq.exception} header, up to 3 UTF-8 bytes per character) and the fixed rest.
   */
  public long largestRecordBytes() {
    return (long) maxValueBytes + 2L * maxKeyBytes + maxHeaderBytes + (long) PER_HEADER_BYTES * maxHeaders
        + 3L * 3 * MAX_TEXT_CHARS + FIXED_BYTES;
  }
}
