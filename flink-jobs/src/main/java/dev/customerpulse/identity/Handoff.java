package dev.customerpulse.identity;

import dev.customerpulse.state.CustomerState;
import dev.customerpulse.state.CustomerStateSerializer;
import dev.customerpulse.state.StateFormats;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The state one key hands to another when they turn out to be one person: the customer state and
 * the event ids it remembered for de-duplication, as the payload of an ABSORB event on the
 * customer-handoffs topic. Versioned, and the state read with the reader of its own format (any that
 * {@link StateFormats#KNOWN} reads), so handoffs in flight survive an upgrade of either.
 */
public record Handoff(CustomerState state, long[] seenEventIds) {
  static final int FORMAT = 1;

  public byte[] encode() {
    try {
      DataOutputSerializer out = new DataOutputSerializer(256 + seenEventIds.length * 8);
      out.writeByte(FORMAT);
      CustomerStateSerializer.INSTANCE.serialize(state, out);
      out.writeInt(seenEventIds.length);
      for (long id : seenEventIds) {
        out.writeLong(id);
      }
      return out.getCopyOfBuffer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @throws IOException when the payload is not a handoff this job can read */
  public static Handoff decode(byte[] payload) throws IOException {
    DataInputDeserializer in = new DataInputDeserializer(payload);
    int format = in.readUnsignedByte();
    if (format != FORMAT) {
      throw new IOException("customer handoff format " + format + " is not one this job reads (" + FORMAT + ")");
    }
    int stateFormat = payload.length > 1 ? payload[1] & 0xFF : StateFormats.KNOWN.current();
    CustomerState state = StateFormats.KNOWN.readerOf(stateFormat).deserialize(in);
    long[] ids = new long[in.readInt()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = in.readLong();
    }
    return new Handoff(state, ids);
  }
}
