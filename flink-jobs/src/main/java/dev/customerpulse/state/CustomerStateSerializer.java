package dev.customerpulse.state;

import dev.customerpulse.types.Utf8Strings;
import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Stores {@link CustomerState} compactly: variable-length integers, times relative to first seen,
 * and only the non-zero metrics of each day. Every record starts with its format byte; this
 * serializer writes and reads one format, {@link #FORMAT}, and refuses any other. State of an older
 * format is migrated when a savepoint is restored, through the serializer snapshot (see
 * docs/development.md, "Changing the state format").
 */
public final class CustomerStateSerializer extends TypeSerializerSingleton<CustomerState> {
  public static final CustomerStateSerializer INSTANCE = new CustomerStateSerializer();
  /**
   * The record format this serializer writes and reads, the first byte of every record. Format 9 was
   * the first one of a release (read by {@code state.format.CustomerStateFormat9}); 10 added the
   * privacy part: aliases and consents.
   */
  public static final int FORMAT = 10;
  /** The bits of a stored day's mask that stand for a metric. */
  private static final int METRIC_BITS = Arrays.stream(Metric.BY_CODE).mapToInt(metric -> 1 << metric.code()).reduce(0, (a, b) -> a | b);

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public CustomerState createInstance() {
    return CustomerState.empty();
  }

  @Override
  public CustomerState copy(CustomerState from) {
    return from.copy();
  }

  @Override
  public CustomerState copy(CustomerState from, CustomerState reuse) {
    return from.copy();
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(CustomerState s, DataOutputView out) throws IOException {
    out.writeByte(FORMAT);
    long base = s.firstSeen;
    VarInts.writeSigned(base, out);
    VarInts.writeUnsigned(s.version, out);
    VarInts.writeSigned(s.lastSeen - base, out);
    VarInts.writeSigned(s.scoredAt - base, out);
    VarInts.writeUnsigned(s.pageViews, out);
    VarInts.writeUnsigned(s.productViews, out);
    VarInts.writeUnsigned(s.searches, out);
    VarInts.writeUnsigned(s.cartAdds, out);
    VarInts.writeUnsigned(s.cartRemoves, out);
    VarInts.writeUnsigned(s.checkouts, out);
    VarInts.writeUnsigned(s.ordersPlaced, out);
    VarInts.writeUnsigned(s.orders, out);
    VarInts.writeUnsigned(s.cancellations, out);
    VarInts.writeUnsigned(s.refunds, out);
    VarInts.writeUnsigned(s.foreignCurrencyOrders, out);
    VarInts.writeUnsigned(s.serviceCalls, out);
    VarInts.writeUnsigned(s.complaints, out);
    VarInts.writeUnsigned(s.unresolvedCalls, out);
    VarInts.writeUnsigned(s.satisfactionSum, out);
    VarInts.writeUnsigned(s.satisfactionAnswers, out);
    VarInts.writeUnsigned(s.sessions, out);
    VarInts.writeUnsigned(s.abandonedCarts, out);
    VarInts.writeSigned(s.spendMinor, out);
    Utf8Strings.write(s.currency, out);
    VarInts.writeSigned(s.lastNps, out);
    VarInts.writeUnsigned(s.sessionMillis, out);
    writeOptionalTime(s.sessionStart, base, out);
    if (s.sessionStart != CustomerState.NONE) {
      VarInts.writeUnsigned(s.sessionLast - s.sessionStart, out);
    }
    writeOptionalTime(s.cartOpenSince, base, out);
    out.writeByte(s.tier == null ? 0 : s.tier.code() + 1);
    writeOptionalTime(s.pendingTimer, base, out);
    writePurchases(s.purchases, out);
    writeDaily(s.daily, out);
    writeCategories(s.categories, base, out);
    writeIdentity(s, out);
    out.writeByte(s.rfmSegment == null ? 0 : s.rfmSegment.code() + 1);
    out.writeByte(s.lifecycle == null ? 0 : s.lifecycle.code() + 1);
    writeOptionalTime(s.wonBackAt, base, out);
    out.writeBoolean(s.churnAlertActive);
    writeOptionalTime(s.lastChurnAlertAt, base, out);
    out.writeShort(s.birthMonthDay);
    writeOptionalTime(s.lastBirthdayTrigger, base, out);
    writeOptionalTime(s.lastAnniversaryTrigger, base, out);
    VarInts.writeUnsigned(s.ruleSegments.length, out);
    for (String rule : s.ruleSegments) {
      Utf8Strings.write(rule, out);
    }
    VarInts.writeUnsigned(s.clvSampledDay, out);
    writeSeenIds(s.seenIds, out);
    PrivacyPartCodec.write(s, base, out);
  }


  /** Count, then each id as 8 bytes and its time as a difference to the one before; the spill deadline. */
  private static void writeSeenIds(SeenEventIds seen, DataOutputView out) throws IOException {
    int size = seen.size();
    VarInts.writeUnsigned(size, out);
    long previous = 0;
    for (int i = 0; i < size; i++) {
      out.writeLong(seen.id(i));
      VarInts.writeSigned(seen.seenAt(i) - previous, out);
      previous = seen.seenAt(i);
    }
    boolean spilled = seen.spilledUntil() != SeenEventIds.NEVER;
    out.writeBoolean(spilled);
    if (spilled) {
      VarInts.writeSigned(seen.spilledUntil(), out);
    }
  }

  private static SeenEventIds readSeenIds(DataInputView in) throws IOException {
    int size = (int) VarInts.readUnsigned(in);
    if (size > SeenEventIds.CAPACITY) {
      throw new IOException("customer state holds " + size + " event ids, more than " + SeenEventIds.CAPACITY);
    }
    long[] ids = new long[size];
    long[] seenAt = new long[size];
    long previous = 0;
    for (int i = 0; i < size; i++) {
      ids[i] = in.readLong();
      previous += VarInts.readSigned(in);
      seenAt[i] = previous;
    }
    long spilledUntil = in.readBoolean() ? VarInts.readSigned(in) : SeenEventIds.NEVER;
    return new SeenEventIds(ids, seenAt, size, spilledUntil);
  }

  private static final int ALIAS = 1;
  private static final int EMAIL = 2;
  private static final int PHONE = 4;
  private static final int SIGNED_UP = 8;
  private static final int LINKED = 16;

  /** One flag byte for the common customer without any of it, then only what is set. */
  private static void writeIdentity(CustomerState s, DataOutputView out) throws IOException {
    int flags = (s.aliasOf != null ? ALIAS : 0) | (s.emailPseudonym != null ? EMAIL : 0) | (s.phonePseudonym != null ? PHONE : 0)
        | (s.signedUpAt != CustomerState.NONE ? SIGNED_UP : 0) | (s.linkedCustomers.length > 0 ? LINKED : 0);
    out.writeByte(flags);
    if (s.aliasOf != null) {
      Utf8Strings.write(s.aliasOf, out);
    }
    if (s.emailPseudonym != null) {
      Utf8Strings.write(s.emailPseudonym, out);
    }
    if (s.phonePseudonym != null) {
      Utf8Strings.write(s.phonePseudonym, out);
    }
    if (s.signedUpAt != CustomerState.NONE) {
      VarInts.writeSigned(s.signedUpAt, out);
    }
    if (s.linkedCustomers.length > 0) {
      VarInts.writeUnsigned(s.linkedCustomers.length, out);
      for (String customer : s.linkedCustomers) {
        Utf8Strings.write(customer, out);
      }
    }
  }

  private static void readIdentity(CustomerState s, DataInputView in) throws IOException {
    int flags = in.readUnsignedByte();
    s.aliasOf = (flags & ALIAS) != 0 ? Utf8Strings.read(in) : null;
    s.emailPseudonym = (flags & EMAIL) != 0 ? Utf8Strings.read(in) : null;
    s.phonePseudonym = (flags & PHONE) != 0 ? Utf8Strings.read(in) : null;
    s.signedUpAt = (flags & SIGNED_UP) != 0 ? VarInts.readSigned(in) : CustomerState.NONE;
    if ((flags & LINKED) != 0) {
      String[] linked = new String[(int) VarInts.readUnsigned(in)];
      for (int i = 0; i < linked.length; i++) {
        linked[i] = Utf8Strings.read(in);
      }
      s.linkedCustomers = linked;
    }
  }

  @Override
  public CustomerState deserialize(DataInputView in) throws IOException {
    int format = in.readUnsignedByte();
    if (format != FORMAT) {
      throw new IOException("customer state format " + format + " is not format " + FORMAT
          + ", the one this job reads; state of an older format is migrated when a savepoint is restored");
    }
    CustomerState s = new CustomerState();
    long base = VarInts.readSigned(in);
    s.firstSeen = base;
    s.version = VarInts.readUnsigned(in);
    s.lastSeen = base + VarInts.readSigned(in);
    s.scoredAt = base + VarInts.readSigned(in);
    s.pageViews = VarInts.readUnsigned(in);
    s.productViews = VarInts.readUnsigned(in);
    s.searches = VarInts.readUnsigned(in);
    s.cartAdds = VarInts.readUnsigned(in);
    s.cartRemoves = VarInts.readUnsigned(in);
    s.checkouts = VarInts.readUnsigned(in);
    s.ordersPlaced = VarInts.readUnsigned(in);
    s.orders = VarInts.readUnsigned(in);
    s.cancellations = VarInts.readUnsigned(in);
    s.refunds = VarInts.readUnsigned(in);
    s.foreignCurrencyOrders = VarInts.readUnsigned(in);
    s.serviceCalls = VarInts.readUnsigned(in);
    s.complaints = VarInts.readUnsigned(in);
    s.unresolvedCalls = VarInts.readUnsigned(in);
    s.satisfactionSum = VarInts.readUnsigned(in);
    s.satisfactionAnswers = VarInts.readUnsigned(in);
    s.sessions = VarInts.readUnsigned(in);
    s.abandonedCarts = VarInts.readUnsigned(in);
    s.spendMinor = VarInts.readSigned(in);
    s.currency = Utf8Strings.readShared(in);
    s.lastNps = (int) VarInts.readSigned(in);
    s.sessionMillis = VarInts.readUnsigned(in);
    s.sessionStart = readOptionalTime(base, in);
    s.sessionLast = s.sessionStart == CustomerState.NONE ? CustomerState.NONE : s.sessionStart + VarInts.readUnsigned(in);
    s.cartOpenSince = readOptionalTime(base, in);
    int tier = in.readUnsignedByte();
    s.tier = tier == 0 ? null : ValueTier.ofCode(tier - 1);
    s.pendingTimer = readOptionalTime(base, in);
    s.purchases = readPurchases(in);
    s.daily = readDaily(in);
    s.categories = readCategories(base, in);
    readIdentity(s, in);
    int rfm = in.readUnsignedByte();
    s.rfmSegment = rfm == 0 ? null : RfmSegment.ofCode(rfm - 1);
    int stage = in.readUnsignedByte();
    s.lifecycle = stage == 0 ? null : LifecycleStage.ofCode(stage - 1);
    s.wonBackAt = readOptionalTime(base, in);
    s.churnAlertActive = in.readBoolean();
    s.lastChurnAlertAt = readOptionalTime(base, in);
    s.birthMonthDay = in.readShort();
    s.lastBirthdayTrigger = readOptionalTime(base, in);
    s.lastAnniversaryTrigger = readOptionalTime(base, in);
    int rules = (int) VarInts.readUnsigned(in);
    if (rules > 0) {
      String[] names = new String[rules];
      for (int i = 0; i < rules; i++) {
        names[i] = Utf8Strings.readShared(in);
      }
      s.ruleSegments = names;
    }
    s.clvSampledDay = VarInts.readUnsigned(in);
    s.seenIds = readSeenIds(in);
    PrivacyPartCodec.read(s, base, in);
    return s;
  }

  /** A time relative to {@code base}, or nothing but a flag when it is {@link CustomerState#NONE}. */
  private static void writeOptionalTime(long time, long base, DataOutputView out) throws IOException {
    out.writeBoolean(time != CustomerState.NONE);
    if (time != CustomerState.NONE) {
      VarInts.writeSigned(time - base, out);
    }
  }

  private static long readOptionalTime(long base, DataInputView in) throws IOException {
    return in.readBoolean() ? base + VarInts.readSigned(in) : CustomerState.NONE;
  }

  private static void writePurchases(PurchaseHistory p, DataOutputView out) throws IOException {
    out.writeBoolean(p.hasPurchases());
    if (!p.hasPurchases()) {
      return;
    }
    VarInts.writeSigned(p.firstDay(), out);
    VarInts.writeUnsigned(p.lastDay() - p.firstDay(), out);
    VarInts.writeUnsigned(p.repeatPurchases(), out);
    VarInts.writeSigned(p.firstDayAmountMinor(), out);
    VarInts.writeSigned(p.totalAmountMinor(), out);
    long[] recent = p.recentDays();
    VarInts.writeUnsigned(recent.length, out);
    for (long day : recent) {
      VarInts.writeSigned(day - p.firstDay(), out);
    }
  }

  private static PurchaseHistory readPurchases(DataInputView in) throws IOException {
    if (!in.readBoolean()) {
      return new PurchaseHistory();
    }
    long firstDay = VarInts.readSigned(in);
    long lastDay = firstDay + VarInts.readUnsigned(in);
    int repeat = (int) VarInts.readUnsigned(in);
    long firstDayAmount = VarInts.readSigned(in);
    long total = VarInts.readSigned(in);
    long[] recent = new long[(int) VarInts.readUnsigned(in)];
    for (int i = 0; i < recent.length; i++) {
      recent[i] = firstDay + VarInts.readSigned(in);
    }
    return new PurchaseHistory(firstDay, lastDay, repeat, firstDayAmount, total, recent);
  }

  private static void writeDaily(DailyBuckets daily, DataOutputView out) throws IOException {
    VarInts.writeUnsigned(daily.size(), out);
    long previous = 0;
    for (int i = 0; i < daily.size(); i++) {
      VarInts.writeSigned(daily.day(i) - previous, out);
      previous = daily.day(i);
      int present = 0;
      for (Metric metric : Metric.BY_CODE) {
        if (daily.value(i, metric) != 0) {
          present |= 1 << metric.code();
        }
      }
      VarInts.writeUnsigned(present, out);
      for (Metric metric : Metric.BY_CODE) {
        if ((present & (1 << metric.code())) != 0) {
          VarInts.writeSigned(daily.value(i, metric), out);
        }
      }
    }
  }

  private static DailyBuckets readDaily(DataInputView in) throws IOException {
    int size = (int) VarInts.readUnsigned(in);
    int[] days = new int[Math.max(4, size)];
    long[] values = new long[days.length * Metric.COUNT];
    long day = 0;
    for (int i = 0; i < size; i++) {
      day += VarInts.readSigned(in);
      days[i] = (int) day;
      long present = VarInts.readUnsigned(in);
      if ((present & ~(long) METRIC_BITS) != 0) {
        throw new IOException("unknown metric codes in a stored day: mask " + Long.toBinaryString(present));
      }
      for (Metric metric : Metric.BY_CODE) {
        if ((present & (1 << metric.code())) != 0) {
          values[i * Metric.COUNT + metric.ordinal()] = VarInts.readSigned(in); // in memory: DailyBuckets order
        }
      }
    }
    return new DailyBuckets(days, values, size);
  }

  private static void writeCategories(CategoryAffinity categories, long base, DataOutputView out) throws IOException {
    String[] names = categories.names();
    VarInts.writeUnsigned(names.length, out);
    if (names.length == 0) {
      return;
    }
    VarInts.writeSigned(categories.asOf() - base, out);
    double[] scores = categories.scores();
    for (int i = 0; i < names.length; i++) {
      Utf8Strings.write(names[i], out);
      out.writeFloat((float) scores[i]);
    }
  }

  private static CategoryAffinity readCategories(long base, DataInputView in) throws IOException {
    int count = (int) VarInts.readUnsigned(in);
    if (count == 0) {
      return new CategoryAffinity();
    }
    long asOf = base + VarInts.readSigned(in);
    String[] names = new String[count];
    double[] scores = new double[count];
    for (int i = 0; i < count; i++) {
      names[i] = Utf8Strings.readShared(in);
      scores[i] = in.readFloat();
    }
    return new CategoryAffinity(names, scores, asOf);
  }

  @Override
  public CustomerState deserialize(CustomerState reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  /** Records the format, so that a later job knows what a savepoint holds (see {@link CustomerStateSnapshot}). */
  @Override
  public TypeSerializerSnapshot<CustomerState> snapshotConfiguration() {
    return new CustomerStateSnapshot(FORMAT);
  }
}
