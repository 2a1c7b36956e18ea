package dev.customerpulse.state.format;

import dev.customerpulse.state.CategoryAffinity;
import dev.customerpulse.state.CustomerState;
import dev.customerpulse.state.DailyBuckets;
import dev.customerpulse.state.LifecycleStage;
import dev.customerpulse.state.Metric;
import dev.customerpulse.state.PurchaseHistory;
import dev.customerpulse.state.RfmSegment;
import dev.customerpulse.state.SeenEventIds;
import dev.customerpulse.state.ValueTier;
import dev.customerpulse.state.VarInts;
import dev.customerpulse.types.Utf8Strings;
import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.core.memory.DataInputView;

/**
 * Reads customer-state format 9 (the first released format, written until format 10 added the
 * privacy part: aliases and consents). Frozen on 2026-12-07: the reading half of
 * CustomerStateSerializer as it was then. Never change it; a fix to how format 9 is read would change
 * what old savepoints mean.
 */
public final class CustomerStateFormat9 extends FrozenStateReader {
  public static final CustomerStateFormat9 INSTANCE = new CustomerStateFormat9();

  private static final int ALIAS = 1;
  private static final int EMAIL = 2;
  private static final int PHONE = 4;
  private static final int SIGNED_UP = 8;
  private static final int LINKED = 16;
  private static final int METRIC_BITS = Arrays.stream(Metric.BY_CODE).mapToInt(metric -> 1 << metric.code()).reduce(0, (a, b) -> a | b);

  public CustomerStateFormat9() {
    super(9);
  }

  @Override
  protected CustomerState read(DataInputView in) throws IOException {
    CustomerState s = CustomerState.empty();
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
    return s;
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

  private static long readOptionalTime(long base, DataInputView in) throws IOException {
    return in.readBoolean() ? base + VarInts.readSigned(in) : CustomerState.NONE;
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
}
