package dev.customerpulse.ingest;

import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.avro.DeadLetterHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.common.header.Header;

/**
 * Puts a rejected record's key, value and headers into a dead letter within {@link DeadLetterLimits}:
 * whole when they fit, else the first bytes, with the whole value's and key's size and SHA-256, and
 * {@code truncated} set. Texts (detail, exception) are cut to {@link DeadLetterLimits#MAX_TEXT_CHARS}.
 */
public final class DeadLetterBounds {
  private DeadLetterBounds() {}

  /** Sets key, value, headers, their original sizes and hashes, headers_dropped and truncated. */
  public static DeadLetter.Builder contents(DeadLetter.Builder letter, byte[] key, byte[] value, Iterable<Header> headers,
      DeadLetterLimits limits) {
    boolean cut = false;
    letter.setOriginalKeySize(key == null ? null : key.length).setOriginalKeySha256(key == null ? null : sha256(key));
    if (key != null && key.length > limits.maxKeyBytes()) {
      key = Arrays.copyOf(key, limits.maxKeyBytes());
      cut = true;
    }
    letter.setOriginalValueSize(value == null ? null : value.length).setOriginalValueSha256(value == null ? null : sha256(value));
    if (value != null && value.length > limits.maxValueBytes()) {
      value = Arrays.copyOf(value, limits.maxValueBytes());
      cut = true;
    }
    List<DeadLetterHeader> kept = new ArrayList<>();
    int dropped = 0;
    long bytes = 0;
    for (Header header : headers) {
      long size = (long) header.key().getBytes(StandardCharsets.UTF_8).length + (header.value() == null ? 0 : header.value().length);
      // The headers kept are a prefix of the original ones: after the first that does not fit, none is.
      if (dropped == 0 && kept.size() < limits.maxHeaders() && bytes + size <= limits.maxHeaderBytes()) {
        kept.add(new DeadLetterHeader(header.key(), header.value() == null ? null : ByteBuffer.wrap(header.value())));
        bytes += size;
      } else {
        dropped++;
      }
    }
    return letter.setKey(key == null ? null : ByteBuffer.wrap(key))
        .setValue(value == null ? null : ByteBuffer.wrap(value))
        .setHeaders(kept)
        .setHeadersDropped(dropped)
        .setTruncated(cut || dropped > 0);
  }

  /**
   * A letter that was built with its key and value whole and no headers (the profile operator's),
   * cut to the limits when it does not fit them.
   */
  public static DeadLetter bounded(DeadLetter letter, DeadLetterLimits limits) {
    boolean keyFits = letter.getKey() == null || letter.getKey().remaining() <= limits.maxKeyBytes();
    boolean valueFits = letter.getValue() == null || letter.getValue().remaining() <= limits.maxValueBytes();
    if (keyFits && valueFits && letter.getHeaders().isEmpty()) {
      return letter;
    }
    return contents(DeadLetter.newBuilder(letter), bytes(letter.getKey()), bytes(letter.getValue()), List.of(), limits).build();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    ByteBuffer view = buffer.duplicate();
    byte[] out = new byte[view.remaining()];
    view.get(out);
    return out;
  }

  /** A detail or exception text as a dead letter keeps it: at most {@link DeadLetterLimits#MAX_TEXT_CHARS} characters. */
  public static String text(String text) {
    if (text == null || text.length() <= DeadLetterLimits.MAX_TEXT_CHARS) {
      return text;
    }
    String suffix = "... (" + text.length() + " characters)";
    int end = DeadLetterLimits.MAX_TEXT_CHARS - suffix.length();
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + suffix;
  }

  /** SHA-256 of the bytes as 64 lower-case hex digits. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
