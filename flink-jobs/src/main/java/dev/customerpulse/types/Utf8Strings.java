package dev.customerpulse.types;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Nullable strings as a length (+1, 0 for null) and UTF-8 bytes. Cheaper than Flink's StringValue
 * format, which writes character by character and reads through a thread-local buffer: the ids on
 * the shuffle are short ASCII strings, which the JDK encodes and decodes in bulk.
 */
public final class Utf8Strings {
  private Utf8Strings() {}

  public static void write(String value, DataOutputView out) throws IOException {
    if (value == null) {
      out.writeByte(0);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    int length = bytes.length + 1;
    while ((length & ~0x7F) != 0) {
      out.writeByte((length & 0x7F) | 0x80);
      length >>>= 7;
    }
    out.writeByte(length);
    out.write(bytes);
  }

  /** Strings of at most this many bytes are looked up in {@link #SHARED} by {@link #readShared}. */
  private static final int SHARED_MAX_BYTES = 32;
  /**
   * Recently read short strings of few distinct values (currencies, categories, rule names), so that
   * states and events hold one instance of each instead of a String per read. Shared by all threads
   * without locks: a slot holds a reference to an immutable String or null, so a race at worst misses
   * and allocates as {@link #read} would.
   */
  private static final String[] SHARED = new String[1024];

  /** {@link #read} for strings of few distinct values: equal short strings come back as one instance. */
  public static String readShared(DataInputView in) throws IOException {
    int length = readLength(in);
    if (length == 0) {
      return null;
    }
    int size = length - 1;
    if (size > SHARED_MAX_BYTES) {
      return decode(in, size);
    }
    // A fresh array of at most 32 bytes that dies at once: cheaper than a thread-local buffer, whose
    // lookup in a Flink task thread's crowded thread-local map was nearly all of this method's time.
    byte[] scratch = new byte[size];
    in.readFully(scratch);
    int hash = size;
    for (int i = 0; i < size; i++) {
      hash = 31 * hash + scratch[i];
    }
    int slot = (hash ^ (hash >>> 16)) & (SHARED.length - 1);
    String known = SHARED[slot];
    if (known != null && sameAscii(known, scratch, size)) {
      return known;
    }
    String value = new String(scratch, StandardCharsets.UTF_8);
    SHARED[slot] = value;
    return value;
  }

  private static boolean sameAscii(String known, byte[] bytes, int size) {
    if (known.length() != size) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      // A non-ASCII byte never equals a char, so such strings are simply read again.
      if (bytes[i] < 0 || known.charAt(i) != bytes[i]) {
        return false;
      }
    }
    return true;
  }

  public static String read(DataInputView in) throws IOException {
    int length = readLength(in);
    return length == 0 ? null : decode(in, length - 1);
  }

  private static String decode(DataInputView in, int size) throws IOException {
    byte[] bytes = new byte[size];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static int readLength(DataInputView in) throws IOException {
    int length = 0;
    for (int shift = 0; ; shift += 7) {
      if (shift > 28) {
        throw new IOException("malformed string length");
      }
      int b = in.readUnsignedByte();
      length |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return length;
      }
    }
  }
}
