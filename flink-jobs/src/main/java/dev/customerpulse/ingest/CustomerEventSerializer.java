package dev.customerpulse.ingest;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import dev.customerpulse.types.Utf8Strings;

/**
 * Serializes {@link CustomerEvent} across the keyBy shuffle without reflection (Flink's POJO
 * serializer spent a seventh of the job's CPU here). Events are never kept in state, so the format
 * may change freely between versions; a format change only needs a new snapshot version.
 */
public final class CustomerEventSerializer extends TypeSerializerSingleton<CustomerEvent> {
  public static final CustomerEventSerializer INSTANCE = new CustomerEventSerializer();
  private static final int IDENTITY = 4;
  /** Within the identity part: a birthday follows it (added later, so older records read as they are). */
  private static final int BIRTHDAY = 8;
  /** Consent decisions and privacy requests: their part follows (a later addition, so older records read as they are). */
  private static final int PRIVACY = 16;

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public CustomerEvent createInstance() {
    return new CustomerEvent();
  }

  @Override
  public CustomerEvent copy(CustomerEvent from) {
    CustomerEvent copy = new CustomerEvent(from.customerKey, from.eventId, from.kind, from.eventTime, from.sourceTimestamp,
        from.amountMinor, from.currency).withCategory(from.category)
        .withServiceOutcome(from.complaint, from.resolved, from.satisfaction, from.nps)
        .withIdentity(from.otherKey, from.emailPseudonym, from.phonePseudonym, from.signedUpAt);
    copy.hops = from.hops;
    copy.birthMonthDay = from.birthMonthDay;
    copy.payload = from.payload == null ? null : from.payload.clone();
    copy.purpose = from.purpose;
    copy.granted = from.granted;
    copy.source = from.source;
    copy.requestId = from.requestId;
    return copy;
  }

  @Override
  public CustomerEvent copy(CustomerEvent from, CustomerEvent reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(CustomerEvent event, DataOutputView out) throws IOException {
    Utf8Strings.write(event.customerKey, out);
    Utf8Strings.write(event.eventId, out);
    out.writeByte(event.kind.code());
    out.writeLong(event.eventTime);
    out.writeLong(event.sourceTimestamp);
    out.writeLong(event.amountMinor);
    Utf8Strings.write(event.currency, out);
    Utf8Strings.write(event.category, out);
    boolean identity = event.hasIdentity();
    out.writeByte((event.complaint ? 1 : 0) | (event.resolved ? 2 : 0) | (identity ? IDENTITY : 0)
        | (event.birthMonthDay != 0 ? BIRTHDAY : 0) | (event.kind.isPrivacy() ? PRIVACY : 0));
    out.writeByte(event.satisfaction);
    out.writeByte(event.nps);
    if (identity) {
      // Rare (identity events and forwarded ones), so ordinary events do not pay for these fields.
      Utf8Strings.write(event.otherKey, out);
      Utf8Strings.write(event.emailPseudonym, out);
      Utf8Strings.write(event.phonePseudonym, out);
      out.writeLong(event.signedUpAt);
      out.writeByte(event.hops);
      if (event.payload == null) {
        out.writeInt(-1);
      } else {
        out.writeInt(event.payload.length);
        out.write(event.payload);
      }
      if (event.birthMonthDay != 0) {
        out.writeShort(event.birthMonthDay);
      }
    }
    if (event.kind.isPrivacy()) {
      Utf8Strings.write(event.purpose, out);
      out.writeBoolean(event.granted);
      Utf8Strings.write(event.source, out);
      Utf8Strings.write(event.requestId, out);
    }
  }

  @Override
  public CustomerEvent deserialize(DataInputView in) throws IOException {
    CustomerEvent event = new CustomerEvent();
    event.customerKey = Utf8Strings.read(in);
    event.eventId = Utf8Strings.read(in);
    event.kind = EventKind.ofCode(in.readUnsignedByte());
    event.eventTime = in.readLong();
    event.sourceTimestamp = in.readLong();
    event.amountMinor = in.readLong();
    event.currency = Utf8Strings.readShared(in);
    event.category = Utf8Strings.readShared(in);
    int flags = in.readByte();
    event.complaint = (flags & 1) != 0;
    event.resolved = (flags & 2) != 0;
    event.satisfaction = in.readByte();
    event.nps = in.readByte();
    if ((flags & IDENTITY) != 0) {
      event.otherKey = Utf8Strings.read(in);
      event.emailPseudonym = Utf8Strings.read(in);
      event.phonePseudonym = Utf8Strings.read(in);
      event.signedUpAt = in.readLong();
      event.hops = in.readByte();
      int length = in.readInt();
      if (length >= 0) {
        event.payload = new byte[length];
        in.readFully(event.payload);
      }
      if ((flags & BIRTHDAY) != 0) {
        event.birthMonthDay = in.readShort();
      }
    }
    if ((flags & PRIVACY) != 0) {
      event.purpose = Utf8Strings.read(in);
      event.granted = in.readBoolean();
      event.source = Utf8Strings.read(in);
      event.requestId = Utf8Strings.read(in);
    }
    return event;
  }

  @Override
  public CustomerEvent deserialize(CustomerEvent reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public TypeSerializerSnapshot<CustomerEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot of the serializer, for Flink's compatibility checks. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<CustomerEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
