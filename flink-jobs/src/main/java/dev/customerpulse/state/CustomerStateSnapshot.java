package dev.customerpulse.state;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What a checkpoint or savepoint records about the customer-state serializer: the record format of
 * the state it holds. On restore, Flink asks today's snapshot whether the savepoint's is compatible
 * ({@link #resolveSchemaCompatibility}): the same format is used as is, an older format that {@link
 * StateFormats#KNOWN} still has a frozen reader for is migrated (read by the old snapshot's {@link
 * #restoreSerializer}, written by today's serializer), anything else is refused.
 */
public final class CustomerStateSnapshot implements StateFormatSnapshot {
  /** The layout of this snapshot (not of the state): version 1 is the record format as one int. */
  static final int VERSION = 1;
  private int format;

  /** For Flink, which creates the snapshot and then reads its content. */
  public CustomerStateSnapshot() {
    this(StateFormats.KNOWN.current());
  }

  /** A snapshot of a serializer of state in {@code format}. */
  public CustomerStateSnapshot(int format) {
    this.format = format;
  }

  @Override
  public int format() {
    return format;
  }

  @Override
  public int getCurrentVersion() {
    return VERSION;
  }

  @Override
  public void writeSnapshot(DataOutputView out) throws IOException {
    out.writeInt(format);
  }

  @Override
  public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
    if (readVersion != VERSION) {
      throw new IOException("customer state serializer snapshot version " + readVersion + " is not one this job reads (" + VERSION + ")");
    }
    format = in.readInt();
  }

  /** The reader of this snapshot's format; fails for a format this job does not know (see StateFormats). */
  @Override
  public TypeSerializer<CustomerState> restoreSerializer() {
    return StateFormats.KNOWN.reader(format);
  }

  @Override
  public TypeSerializerSchemaCompatibility<CustomerState> resolveSchemaCompatibility(TypeSerializerSnapshot<CustomerState> oldSnapshot) {
    return oldSnapshot instanceof StateFormatSnapshot old ? StateFormats.KNOWN.compatibility(old.format())
        : TypeSerializerSchemaCompatibility.incompatible();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CustomerStateSnapshot snapshot && snapshot.format == format;
  }

  @Override
  public int hashCode() {
    return format;
  }

  @Override
  public String toString() {
    return "CustomerStateSnapshot(format " + format + ")";
  }
}
