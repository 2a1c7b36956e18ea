package dev.customerpulse.state.format;

import dev.customerpulse.state.CustomerState;
import dev.customerpulse.state.CustomerStateSnapshot;
import dev.customerpulse.state.StateFormats;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The reader of an older customer-state format, frozen when the format after it came: a copy of what
 * {@code CustomerStateSerializer} read then, never changed again. Flink uses it to read state of that
 * format from a savepoint once, when the state migrates to the current format; it writes nothing.
 * Registered in {@link StateFormats#KNOWN}; see docs/development.md, "Changing the state format".
 */
public abstract class FrozenStateReader extends TypeSerializerSingleton<CustomerState> {
  private final int format;

  protected FrozenStateReader(int format) {
    this.format = format;
  }

  /** Reads the rest of a record of this format, its format byte already read. */
  protected abstract CustomerState read(DataInputView in) throws IOException;

  public final int format() {
    return format;
  }

  @Override
  public final CustomerState deserialize(DataInputView in) throws IOException {
    int found = in.readUnsignedByte();
    if (found != format) {
      throw new IOException("customer state format " + found + " read by the frozen reader of format " + format);
    }
    return read(in);
  }

  @Override
  public final CustomerState deserialize(CustomerState reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public final void serialize(CustomerState record, DataOutputView target) {
    throw writesNothing();
  }

  @Override
  public final void copy(DataInputView source, DataOutputView target) {
    throw writesNothing();
  }

  private UnsupportedOperationException writesNothing() {
    return new UnsupportedOperationException("customer state format " + format + " is only read, to migrate it;"
        + " state is written in format " + StateFormats.KNOWN.current());
  }

  @Override
  public final boolean isImmutableType() {
    return false;
  }

  @Override
  public final CustomerState createInstance() {
    return CustomerState.empty();
  }

  @Override
  public final CustomerState copy(CustomerState from) {
    return from.copy();
  }

  @Override
  public final CustomerState copy(CustomerState from, CustomerState reuse) {
    return from.copy();
  }

  @Override
  public final int getLength() {
    return -1;
  }

  @Override
  public final TypeSerializerSnapshot<CustomerState> snapshotConfiguration() {
    return new CustomerStateSnapshot(format);
  }
}
