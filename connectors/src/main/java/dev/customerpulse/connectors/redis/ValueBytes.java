package dev.customerpulse.connectors.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable byte buffer in which hash values are formatted (numbers as ASCII digits written
 * straight into it, so a write costs no intermediate strings and no character encoding) and packed
 * as a sequence of MessagePack strings for the upsert script.
 */
final class ValueBytes {
  private byte[] bytes;
  private int length;

  ValueBytes(int capacity) {
    bytes = new byte[Math.max(16, capacity)];
  }

  void clear() {
    length = 0;
  }

  int length() {
    return length;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  /** Appends {@code raw} as one MessagePack string (header, then the bytes). */
  void appendPacked(byte[] raw, int offset, int count) {
    ensure(count + 5);
    if (count < 32) {
      bytes[length++] = (byte) (0xa0 | count);
    } else if (count < 256) {
      bytes[length++] = (byte) 0xd9;
      bytes[length++] = (byte) count;
    } else if (count < 65_536) {
      bytes[length++] = (byte) 0xda;
      bytes[length++] = (byte) (count >>> 8);
      bytes[length++] = (byte) count;
    } else {
      bytes[length++] = (byte) 0xdb;
      bytes[length++] = (byte) (count >>> 24);
      bytes[length++] = (byte) (count >>> 16);
      bytes[length++] = (byte) (count >>> 8);
      bytes[length++] = (byte) count;
    }
    System.arraycopy(raw, offset, bytes, length, count);
    length += count;
  }

  /** The formatted bytes so far, not copied (valid until the next change). */
  byte[] buffer() {
    return bytes;
  }

  void append(byte[] raw) {
    ensure(raw.length);
    System.arraycopy(raw, 0, bytes, length, raw.length);
    length += raw.length;
  }

  void appendText(String text) {
    append(text.getBytes(StandardCharsets.UTF_8));
  }

  void appendLong(long value) {
    if (value == Long.MIN_VALUE) {
      append(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
      return;
    }
    ensure(20);
    if (value < 0) {
      bytes[length++] = '-';
      value = -value;
    }
    int digits = digits(value);
    for (int i = length + digits - 1; i >= length; i--) {
      bytes[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    length += digits;
  }

  /** {@code scaled / 10^decimals} with exactly {@code decimals} decimals. */
  void appendDecimal(long scaled, int decimals, long power) {
    if (scaled < 0) {
      ensure(1);
      bytes[length++] = '-';
    }
    long abs = Math.abs(scaled);
    appendLong(abs / power);
    if (decimals > 0) {
      ensure(decimals + 1);
      bytes[length++] = '.';
      long fraction = abs % power;
      for (int i = length + decimals - 1; i >= length; i--) {
        bytes[i] = (byte) ('0' + fraction % 10);
        fraction /= 10;
      }
      length += decimals;
    }
  }

  private static int digits(long value) {
    int digits = 1;
    while (value >= 10) {
      value /= 10;
      digits++;
    }
    return digits;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
