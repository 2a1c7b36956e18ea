package dev.customerpulse.state;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Variable-length integers: small values (most counters) take one byte. */
public final class VarInts {
  private VarInts() {}

  static void writeUnsigned(long value, DataOutputView out) throws IOException {
    while ((value & ~0x7FL) != 0) {
      out.writeByte((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.writeByte((int) value);
  }

  public static long readUnsigned(DataInputView in) throws IOException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.readUnsignedByte();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("malformed variable-length integer in customer state");
  }

  /** Zig-zag: small negative numbers stay small. */
  static void writeSigned(long value, DataOutputView out) throws IOException {
    writeUnsigned((value << 1) ^ (value >> 63), out);
  }

  public static long readSigned(DataInputView in) throws IOException {
    long raw = readUnsigned(in);
    return (raw >>> 1) ^ -(raw & 1);
  }
}
