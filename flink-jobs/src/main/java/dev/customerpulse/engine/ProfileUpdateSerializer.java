package dev.customerpulse.engine;

import dev.customerpulse.state.CustomerStateSerializer;
import dev.customerpulse.types.Utf8Strings;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializer of {@link ProfileUpdate}. An update is never changed once emitted (its state snapshot
 * is the operator's own fresh copy), so it is declared immutable: Flink then hands the same object
 * to every chained output (Redis and the profile snapshots) instead of deep-copying the state for
 * each, once per event. Scores are not written; they are recomputed from the state.
 */
public final class ProfileUpdateSerializer extends TypeSerializerSingleton<ProfileUpdate> {
  public static final ProfileUpdateSerializer INSTANCE = new ProfileUpdateSerializer();

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public ProfileUpdate createInstance() {
    return new ProfileUpdate();
  }

  @Override
  public ProfileUpdate copy(ProfileUpdate from) {
    return from;
  }

  @Override
  public ProfileUpdate copy(ProfileUpdate from, ProfileUpdate reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(ProfileUpdate update, DataOutputView out) throws IOException {
    Utf8Strings.write(update.customerId, out);
    out.writeLong(update.sourceTimestamp);
    // One byte of flags; a byte of 0 or 1 is what the boolean deleted alone was.
    out.writeByte((update.deleted ? 1 : 0) | (update.restricted ? 2 : 0) | (update.refill ? 4 : 0));
    CustomerStateSerializer.INSTANCE.serialize(update.profile, out);
  }

  @Override
  public ProfileUpdate deserialize(DataInputView in) throws IOException {
    ProfileUpdate update = new ProfileUpdate();
    update.customerId = Utf8Strings.read(in);
    update.sourceTimestamp = in.readLong();
    int flags = in.readUnsignedByte();
    update.deleted = (flags & 1) != 0;
    update.restricted = (flags & 2) != 0;
    update.refill = (flags & 4) != 0;
    update.profile = CustomerStateSerializer.INSTANCE.deserialize(in);
    return update;
  }

  @Override
  public ProfileUpdate deserialize(ProfileUpdate reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public TypeSerializerSnapshot<ProfileUpdate> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot of the serializer, for Flink's compatibility checks. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<ProfileUpdate> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
