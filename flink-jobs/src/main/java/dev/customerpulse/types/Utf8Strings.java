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

  public static String read(DataInputView in) throws IOException {
    int length = 0;
    for (int shift = 0; ; shift += 7) {
      if (shift > 28) {
        throw new IOException("malformed string length");
      }
      int b = in.readUnsignedByte();
      length |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
    }
    if (length == 0) {
      return null;
    }
    byte[] bytes = new byte[length - 1];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
