package dev.customerpulse.profile;

import dev.customerpulse.engine.TestEvents;

import dev.customerpulse.engine.ProfileUpdate;
import dev.customerpulse.state.CustomerStateSerializer;
import dev.customerpulse.state.CustomerState;
import static dev.customerpulse.engine.TestEvents.DAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.rules.RuleCommand;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/**
 * The write-back cache of customer states changes nothing the operator emits or keeps: the same
 * events (with duplicates, silences that fire timers, expiries, a rule and a restore from a
 * checkpoint in the middle) give the same outputs and the same RocksDB state with no cache, a cache
 * so small that it evicts all the time, and the default.
 */
class StateCacheTest {
  private static final String[] CUSTOMERS = {"ann", "bob", "cat", "dan", "eve", "anon:v1", "anon:v2"};
  private static final EventKind[] KINDS = {EventKind.PAGE_VIEW, EventKind.PRODUCT_VIEW, EventKind.ADD_TO_CART,
      EventKind.CHECKOUT_START, EventKind.ORDER_PAID, EventKind.ORDER_REFUNDED, EventKind.SERVICE_CALL};

  private record Run(List<String> outputs, List<String> segmentChanges, List<String> states) {}

  private static List<CustomerEvent> events() {
    Random random = new Random(42);
    List<CustomerEvent> events = new ArrayList<>();
    long time = DAY;
    for (int i = 0; i < 600; i++) {
      // Mostly minutes apart, now and then a silence of days (rescoring, lifecycle moves, expiry of visitors).
      time += random.nextInt(10) == 0 ? (1 + random.nextInt(40)) * DAY : random.nextInt(600_000);
      String customer = CUSTOMERS[random.nextInt(CUSTOMERS.length)];
      EventKind kind = KINDS[random.nextInt(KINDS.length)];
      // One in ten repeats an earlier id of this stream: a duplicate when it is the same customer.
      String id = random.nextInt(10) == 0 && i > 0 ? "e" + random.nextInt(i) : "e" + i;
      CustomerEvent event = new CustomerEvent(customer, id, kind, time, time,
          kind.name().startsWith("ORDER") ? 1_000 + random.nextInt(20_000) : 0, "EUR").withCategory("c" + random.nextInt(5));
      if (kind == EventKind.SERVICE_CALL) {
        event = event.withServiceOutcome(random.nextBoolean(), random.nextBoolean(), 1 + random.nextInt(5), random.nextInt(11));
      }
      events.add(event);
    }
    return events;
  }

  private static Run run(int cacheCustomers) throws Exception {
    List<CustomerEvent> events = events();
    ProfileHarness.Operator harness = ProfileHarness.create(CustomerProfileFunctionTest.LOGIC, 1, 0, cacheCustomers);
    harness.open();
    List<String> outputs = new ArrayList<>();
    List<String> changes = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      CustomerEvent event = events.get(i);
      harness.processElement(event, event.eventTime);
      if (i % 25 == 0) {
        harness.processWatermark(event.eventTime - DAY);
      }
      if (i == 200) {
        harness.processRule(RuleCommand.rule("busy", "page_views >= 3", 1, RuleCommand.LIVE, ""));
      }
      if (i == 400) {
        OperatorSubtaskState checkpoint = harness.snapshot(1, 1);
        collect(harness, outputs, changes);
        harness.close();
        harness = ProfileHarness.create(CustomerProfileFunctionTest.LOGIC, 1, 0, cacheCustomers);
        harness.initializeState(checkpoint);
        harness.open();
      }
    }
    harness.processWatermark(Long.MAX_VALUE);
    collect(harness, outputs, changes);
    List<String> states = new ArrayList<>();
    for (String customer : CUSTOMERS) {
      states.add(customer + " " + encoded(ProfileHarness.stateOf(harness, customer)));
    }
    harness.close();
    return new Run(outputs, changes, states);
  }

  private static void collect(ProfileHarness.Operator harness, List<String> outputs, List<String> changes) throws Exception {
    for (ProfileUpdate update : harness.extractOutputValues()) {
      // Outputs of a cached state carry no event ids (no output reads them); compare the rest.
      outputs.add(update.customerId + " " + update.deleted + " " + encoded(update.profile.copyWithoutEventIds()));
    }
    for (var change : ProfileHarness.sideOutput(harness, ProfileOutputs.SEGMENT_CHANGES)) {
      changes.add(change.toString());
    }
  }

  private static String encoded(CustomerState state) throws Exception {
    if (state == null) {
      return "none";
    }
    DataOutputSerializer out = new DataOutputSerializer(512);
    CustomerStateSerializer.INSTANCE.serialize(state, out);
    return Base64.getEncoder().encodeToString(out.getCopyOfBuffer());
  }

  @Test
  void theCacheChangesNoOutputAndNoState() throws Exception {
    Run direct = run(0);
    assertThat(direct.outputs()).hasSizeGreaterThan(300);
    assertThat(direct.segmentChanges()).isNotEmpty();
    assertThat(direct.states()).anyMatch(s -> s.endsWith(" none")).as("a visitor expired");

    for (int size : new int[] {1, 2, ProfileHarness.CACHE}) {
      Run cached = run(size);
      assertThat(cached.outputs()).as("cache of %d", size).containsExactlyElementsOf(direct.outputs());
      assertThat(cached.segmentChanges()).as("cache of %d", size).containsExactlyElementsOf(direct.segmentChanges());
      assertThat(cached.states()).as("cache of %d", size).containsExactlyElementsOf(direct.states());
    }
  }

  @Test
  void aPublishedProfileDoesNotChangeWithTheNextEvent() throws Exception {
    ProfileHarness.Operator harness = ProfileHarness.create(CustomerProfileFunctionTest.LOGIC, 1, 0, ProfileHarness.CACHE);
    harness.open();
    harness.processElement(new CustomerEvent("ann", "e1", EventKind.PAGE_VIEW, DAY, DAY, 0, null), DAY);
    ProfileUpdate first = harness.extractOutputValues().get(0);
    harness.processElement(new CustomerEvent("ann", "e2", EventKind.PAGE_VIEW, DAY + 1, DAY + 1, 0, null), DAY + 1);
    assertThat(first.profile.pageViews).isEqualTo(1);
    assertThat(harness.extractOutputValues().get(1).profile.pageViews).isEqualTo(2);
    harness.close();
  }
}
