package dev.customerpulse.state;

import dev.customerpulse.state.format.CustomerStateFormat9;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;

/**
 * The customer-state record formats this job knows: the current one, which {@link
 * CustomerStateSerializer} writes and reads, and older ones it migrates from, each read by its frozen
 * reader (a {@code state.format.FrozenStateReader}): format 9, the first released one.
 * Changing the format is described in docs/development.md, "Changing the state format".
 */
public final class StateFormats {
  /** What this job knows. A new format registers the frozen reader of the one before it here. */
  public static final StateFormats KNOWN = new StateFormats(CustomerStateSerializer.FORMAT, CustomerStateSerializer.INSTANCE,
      Map.of(9, CustomerStateFormat9.INSTANCE));

  private final int current;
  private final TypeSerializer<CustomerState> currentSerializer;
  private final Map<Integer, TypeSerializer<CustomerState>> older;

  StateFormats(int current, TypeSerializer<CustomerState> currentSerializer, Map<Integer, ? extends TypeSerializer<CustomerState>> older) {
    if (older.keySet().stream().anyMatch(format -> format >= current)) {
      throw new IllegalArgumentException("older formats " + older.keySet() + " must be below the current " + current);
    }
    this.current = current;
    this.currentSerializer = currentSerializer;
    this.older = Map.copyOf(older);
  }

  /** The format written now. */
  public int current() {
    return current;
  }

  /**
   * What Flink does with restored state of {@code format}: use it as is when it is the current
   * format, migrate it (read with the frozen reader, write with today's serializer) when it is an
   * older one this job knows, and refuse anything else (a newer format, after a downgrade, or one
   * never registered).
   */
  public TypeSerializerSchemaCompatibility<CustomerState> compatibility(int format) {
    if (format == current) {
      return TypeSerializerSchemaCompatibility.compatibleAsIs();
    }
    return older.containsKey(format) ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
        : TypeSerializerSchemaCompatibility.incompatible();
  }

  /**
   * The serializer that reads state of {@code format}: today's for the current one, the frozen
   * reader for an older one. For records that outlive a deployment outside Flink's state, like the
   * state inside a customer handoff, which a job of the next format must still read.
   *
   * @throws IOException for a format this job does not know
   */
  public TypeSerializer<CustomerState> readerOf(int format) throws IOException {
    TypeSerializer<CustomerState> reader = format == current ? currentSerializer : older.get(format);
    if (reader == null) {
      TreeMap<Integer, Object> known = new TreeMap<>(older);
      known.put(current, currentSerializer);
      throw new IOException("customer state format " + format + " is not one this job reads (" + known.keySet() + ")");
    }
    return reader;
  }

  /** {@link #readerOf}, where Flink needs it (restoring a snapshot): unchecked. */
  public TypeSerializer<CustomerState> reader(int format) {
    try {
      return readerOf(format);
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
