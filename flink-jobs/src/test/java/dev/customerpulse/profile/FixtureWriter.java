package dev.customerpulse.profile;

import dev.customerpulse.state.StateText;
import dev.customerpulse.state.SeenEventIds;
import dev.customerpulse.state.CustomerStateSerializer;
import dev.customerpulse.state.CustomerState;
import dev.customerpulse.state.CategoryAffinity;
import dev.customerpulse.state.DailyBuckets;
import dev.customerpulse.state.Metric;
import dev.customerpulse.state.PurchaseHistory;
import dev.customerpulse.identity.Handoff;
import dev.customerpulse.identity.HandoffRecords;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.ingest.EventMapper;
import dev.customerpulse.rules.RuleCommand;
import dev.customerpulse.state.LifecycleStage;
import dev.customerpulse.state.RfmSegment;
import dev.customerpulse.state.ValueTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;

/**
 * Writes the byte fixtures under {@code flink-jobs/src/test/resources/fixtures/}: what today's code
 * writes, frozen so that later code is checked against bytes written by old code. Not a test (its
 * name matches neither *Test nor *IT), so CI never runs it; {@code StateFixturesTest},
 * {@code HandoffFixturesTest} and {@code SavepointFixtureTest} read what it wrote.
 *
 * <p><b>A fixture of an existing format is never regenerated.</b> Overwriting one with what new code
 * writes would make the read checks compare new code with itself, which is what the fixtures are
 * there to prevent. When a format changes (customer state FORMAT 10, handoff format 2, a new operator
 * state layout), add a new fixture under a new name (for example {@code customer-state-v10-rich.bin})
 * next to the old ones, and keep the old ones and their read checks forever.
 *
 * <p>To write a fixture (only a new one), from the repository root:
 *
 * <pre>
 * /tmp/mvn-locked -B -o -pl flink-jobs -am test-compile
 * /tmp/mvn-locked -B -o -q -pl flink-jobs dependency:build-classpath -Dmdep.outputFile=/tmp/fx.cp -Dmdep.includeScope=test
 * java -cp flink-jobs/target/test-classes:flink-jobs/target/classes:schemas/target/classes:connectors/target/classes:$(cat /tmp/fx.cp) \
 *     dev.customerpulse.profile.FixtureWriter flink-jobs/src/test/resources/fixtures state|handoffs|savepoint
 * </pre>
 *
 * It refuses to overwrite a file that exists. {@code show-savepoint [next]} instead of the last
 * argument restores the savepoint fixture and prints its customers (and, with {@code next}, bob after
 * the order SavepointFixtureTest sends), to look at. The savepoint is taken with the operator logic of
 * CustomerProfileFunctionTest.LOGIC, which SavepointFixtureTest restores it with.
 */
public final class FixtureWriter {
  private FixtureWriter() {}

  /** 2026-01-01T00:00Z, epoch day 20454. */
  static final long START = 1_767_225_600_000L;

  /** A customer with every field of the state set to a distinctive, non-default value. */
  static CustomerState rich() {
    CustomerState s = CustomerState.empty();
    s.version = 4_711;
    s.firstSeen = 1_767_229_200_000L;
    s.lastSeen = 1_770_688_800_000L;
    s.scoredAt = 1_770_685_200_000L;
    s.pageViews = 101;
    s.productViews = 202;
    s.searches = 33;
    s.cartAdds = 44;
    s.cartRemoves = 5;
    s.checkouts = 6;
    s.ordersPlaced = 7;
    s.orders = 8;
    s.cancellations = 2;
    s.refunds = 1;
    s.spendMinor = 123_456;
    s.currency = "EUR";
    s.foreignCurrencyOrders = 3;
    s.serviceCalls = 9;
    s.complaints = 4;
    s.unresolvedCalls = 2;
    s.satisfactionSum = 27;
    s.satisfactionAnswers = 7;
    s.lastNps = 8;
    s.sessions = 17;
    s.sessionMillis = 5_432_100;
    s.sessionStart = 1_770_686_000_000L;
    s.sessionLast = 1_770_688_800_000L;
    s.cartOpenSince = 1_770_687_000_000L;
    s.abandonedCarts = 3;
    s.tier = ValueTier.HIGH;
    s.rfmSegment = RfmSegment.CANT_LOSE_THEM;
    s.lifecycle = LifecycleStage.WON_BACK;
    s.wonBackAt = 1_769_904_000_000L;
    s.birthMonthDay = 115;
    s.lastBirthdayTrigger = 1_768_435_200_000L;
    s.lastAnniversaryTrigger = 1_768_953_600_000L;
    s.churnAlertActive = true;
    s.lastChurnAlertAt = 1_770_595_200_000L;
    s.pendingTimer = 1_770_768_000_000L;
    s.aliasOf = null;
    s.linkedCustomers = new String[] {"cust-0042", "cust-0077"};
    s.ruleSegments = new String[] {"big-spender", "weekend-shopper"};
    s.clvSampledDay = 20_494;
    s.seenIds = new SeenEventIds(new long[] {0x0123_4567_89AB_CDEFL, -2L, 0x7EDC_BA98_7654_3210L},
        new long[] {1_770_688_801_000L, 1_770_688_802_500L, 1_770_688_802_500L}, 3, 1_771_293_601_000L);
    s.emailPseudonym = "em:3f9a1c";
    s.phonePseudonym = "ph:77b2e0";
    s.signedUpAt = 1_705_829_400_000L;
    s.purchases = new PurchaseHistory(20_454, 20_494, 4, 2_499, 128_000, new long[] {20_454, 20_461, 20_468, 20_480, 20_494});
    int m = Metric.values().length;
    long[] values = new long[3 * m];
    values[Metric.VIEWS.ordinal()] = 12;
    values[Metric.PRODUCT_VIEWS.ordinal()] = 7;
    values[Metric.SESSIONS.ordinal()] = 2;
    values[m + Metric.CART_ADDS.ordinal()] = 3;
    values[m + Metric.CHECKOUTS.ordinal()] = 1;
    values[m + Metric.ORDERS.ordinal()] = 1;
    values[m + Metric.SPEND_MINOR.ordinal()] = 4_999;
    values[m + Metric.ABANDONED_CARTS.ordinal()] = 1;
    values[2 * m + Metric.VIEWS.ordinal()] = 5;
    values[2 * m + Metric.SPEND_MINOR.ordinal()] = -1_500;
    values[2 * m + Metric.SERVICE_CALLS.ordinal()] = 2;
    values[2 * m + Metric.COMPLAINTS.ordinal()] = 1;
    values[2 * m + Metric.UNRESOLVED_CALLS.ordinal()] = 1;
    s.daily = new DailyBuckets(new int[] {20_490, 20_492, 20_494}, values, 3);
    s.categories = new CategoryAffinity(new String[] {"books", "audio", "garden"}, new double[] {2.5, 0.75, 0.125},
        1_770_688_800_000L);
    return s;
  }

  /** {@link #rich()} with the parts format 10 added: aliases and consent decisions. */
  static CustomerState richV10() {
    CustomerState s = rich();
    s.aliases = new String[] {"anon:device-7", "cust-0013", "pii:em:3f9a1c"};
    s.consents = dev.customerpulse.state.Consents.NONE.with("profiling", true, 1_767_229_200_000L, "web-banner")
        .with("marketing_email", false, 1_770_000_000_000L, null).with("marketing_sms", true, 1_768_000_000_000L, "call-centre");
    return s;
  }

  /** An anonymous visitor linked to a customer: the shell the operator leaves behind (see its shell()). */
  static CustomerState aliasShell() {
    CustomerState s = CustomerState.empty();
    s.version = 3;
    s.firstSeen = 1_767_229_200_000L;
    s.lastSeen = 1_767_240_000_000L;
    s.scoredAt = 1_767_232_800_000L;
    s.pendingTimer = 1_769_821_200_000L;
    s.aliasOf = "cust-0042";
    s.linkedCustomers = new String[] {"cust-0042"};
    return s;
  }

  /** A customer just created by their first event, before it is applied. */
  static CustomerState justCreated() {
    return dev.customerpulse.features.FeatureUpdater.newCustomer(
        new CustomerEvent("cust-0001", "e-1", EventKind.PAGE_VIEW, 1_767_229_200_000L, 1_767_229_200_100L, 0, null));
  }

  /** The visitor state an ABSORB carries (as the operator hands it: no event ids, timer, alias or links). */
  static CustomerState visitor() {
    CustomerState s = CustomerState.empty();
    s.version = 6;
    s.firstSeen = 1_767_229_200_000L;
    s.lastSeen = 1_767_229_320_000L;
    s.pageViews = 3;
    s.productViews = 2;
    s.cartAdds = 1;
    s.sessionStart = 1_767_229_200_000L;
    s.sessionLast = 1_767_229_320_000L;
    s.cartOpenSince = 1_767_229_320_000L;
    int m = Metric.values().length;
    long[] values = new long[4 * m];
    values[Metric.VIEWS.ordinal()] = 3;
    values[Metric.PRODUCT_VIEWS.ordinal()] = 2;
    values[Metric.CART_ADDS.ordinal()] = 1;
    s.daily = new DailyBuckets(new int[] {20_454, 0, 0, 0}, values, 1);
    s.categories = new CategoryAffinity(new String[] {"shoes"}, new double[] {1.5}, 1_767_229_320_000L);
    return s;
  }

  static CustomerEvent absorb() {
    CustomerEvent e = new CustomerEvent("cust-0042", "login-77/link/absorb", EventKind.ABSORB, 1_767_229_400_000L,
        1_767_229_400_250L, 0, null).withIdentity("anon:dev-9", null, null, Long.MIN_VALUE);
    e.payload = new Handoff(visitor(), new long[] {11L, -22L, 0x5EEDL}).encode();
    return e;
  }

  static CustomerEvent forwardedOrder() {
    CustomerEvent e = new CustomerEvent("cust-0042", "ord-9001", EventKind.ORDER_PAID, 1_767_233_000_000L, 1_767_233_000_400L,
        12_345, "EUR").withCategory("books");
    e.hops = 1;
    return e;
  }

  static CustomerEvent link() {
    CustomerEvent login = new CustomerEvent("cust-0042", "login-77", EventKind.LOGIN, 1_767_229_400_000L, 1_767_229_400_250L,
        0, null);
    login.otherKey = "anon:dev-9";
    return EventMapper.linkOf(login);
  }

  static byte[] stateBytes(CustomerState s) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    CustomerStateSerializer.INSTANCE.serialize(s, out);
    return out.getCopyOfBuffer();
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    if (Files.exists(file)) {
      throw new IOException(file + " exists: fixtures of an existing format are never rewritten (see the javadoc)");
    }
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    System.out.println("wrote " + file + " (" + bytes.length + " bytes)");
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    switch (args[1]) {
      case "state" -> {
        // Format 9's fixtures (rich, alias, new) were written by the code of 2026-12-02 and stay as they are.
        write(root.resolve("state/customer-state-v10-rich.bin"), stateBytes(richV10()));
        write(root.resolve("state/customer-state-v10-alias.bin"), stateBytes(aliasShell()));
      }
      case "handoffs" -> {
        write(root.resolve("handoffs/handoff-v1-absorb.bin"), HandoffRecords.encode(absorb()));
        write(root.resolve("handoffs/handoff-v1-forwarded-order-paid.bin"), HandoffRecords.encode(forwardedOrder()));
        write(root.resolve("handoffs/handoff-v1-link.bin"), HandoffRecords.encode(link()));
      }
      case "savepoint" -> writeSavepoint(root.resolve("savepoint/profile-operator-v9.snapshot"));
      case "show-savepoint" -> showSavepoint(root.resolve("savepoint/profile-operator-v9.snapshot"), java.util.Arrays.copyOfRange(args, 2, args.length));
      default -> throw new IllegalArgumentException("state, handoffs or savepoint, not " + args[1]);
    }
  }

  /**
   * What the operator saw before the savepoint fixture was taken: ann two orders on two days, bob an
   * open cart, carl an order and then a merge into ann (his state handed over through the handoff
   * loop, as encoded on the topic), an anonymous visitor, and the live rule loyal (orders >= 2).
   */
  static void playSavepointEvents(ProfileHarness.Operator harness) throws Exception {
    harness.setProcessingTime(1_767_300_000_000L);
    send(harness, new CustomerEvent("ann", "o-ann-1", EventKind.ORDER_PAID, START + 3_600_000, START + 3_600_100, 2_500, "EUR")
        .withCategory("books"));
    send(harness, new CustomerEvent("bob", "c-bob-1", EventKind.ADD_TO_CART, START + 7_200_000, START + 7_200_100, 1_999, "EUR")
        .withCategory("audio"));
    send(harness, new CustomerEvent("carl", "o-carl-1", EventKind.ORDER_PAID, START + 10_800_000, START + 10_800_100, 700, "EUR"));
    send(harness, new CustomerEvent("anon:dev-1", "v-dev-1", EventKind.PAGE_VIEW, START + 14_400_000, START + 14_400_100, 0, null));
    send(harness, new CustomerEvent("ann", "o-ann-2", EventKind.ORDER_PAID, START + 90_000_000, START + 90_000_100, 1_500, "EUR"));
    CustomerEvent merge = new CustomerEvent("carl", "m-carl", EventKind.MERGE, START + 93_600_000, START + 93_600_100, 0, null);
    merge.otherKey = "ann";
    send(harness, merge);
    for (CustomerEvent handoff : ProfileHarness.sideOutput(harness, ProfileOutputs.HANDOFFS)) {
      send(harness, HandoffRecords.decode(HandoffRecords.encode(handoff)));
    }
    harness.processRule(RuleCommand.rule("loyal", "orders >= 2", 1, RuleCommand.LIVE, ""));
  }

  private static void send(ProfileHarness.Operator harness, CustomerEvent event) throws Exception {
    harness.processElement(event, event.eventTime);
  }

  /** Restores the savepoint fixture and prints what it holds (to look at it by hand). */
  private static void showSavepoint(Path file, String... args) throws Exception {
    ProfileHarness.Operator harness = ProfileHarness.create(CustomerProfileFunctionTest.LOGIC);
    harness.initializeState(OperatorSnapshotUtil.readStateHandle(file.toString()));
    harness.open();
    for (String key : ProfileHarness.keysWith(harness, "customer")) {
      System.out.println("== " + key + "\n" + StateText.of(ProfileHarness.stateOf(harness, key)));
    }
    System.out.println("timers " + harness.numEventTimeTimers() + ", processing-time timers " + harness.numProcessingTimeTimers());
    if (args.length > 0) {
      // One more event, as SavepointFixtureTest sends it.
      harness.setProcessingTime(1_767_400_000_000L);
      send(harness, new CustomerEvent("bob", "o-bob-1", EventKind.ORDER_PAID, START + 18_000_000, START + 18_000_100, 3_000, "EUR")
          .withCategory("audio"));
      System.out.println("== bob after o-bob-1\n" + StateText.of(ProfileHarness.stateOf(harness, "bob")));
      System.out.println("timers " + harness.numEventTimeTimers());
    }
    harness.close();
  }

  private static void writeSavepoint(Path file) throws Exception {
    if (Files.exists(file)) {
      throw new IOException(file + " exists: fixtures of an existing format are never rewritten (see the javadoc)");
    }
    Files.createDirectories(file.getParent());
    ProfileHarness.Operator harness = ProfileHarness.create(CustomerProfileFunctionTest.LOGIC);
    harness.open();
    playSavepointEvents(harness);
    // A savepoint in the canonical format (a full, backend-independent key/value snapshot), not the
    // harness's default checkpoint of RocksDB's native SST files: the format Flink keeps restorable
    // across versions and backends. The bytes are in the handle (in-memory streams), nothing points at
    // a local directory.
    OperatorSnapshotUtil.writeStateHandle(harness.snapshotWithLocalState(1, 1,
        org.apache.flink.runtime.checkpoint.SavepointType.savepoint(org.apache.flink.core.execution.SavepointFormatType.CANONICAL))
        .getJobManagerOwnedState(), file.toString());
    harness.close();
    System.out.println("wrote " + file + " (" + Files.size(file) + " bytes)");
  }
}
