package dev.customerpulse.engine;


import static dev.customerpulse.engine.TestEvents.DAY;
import static dev.customerpulse.engine.TestEvents.event;
import static dev.customerpulse.engine.TestEvents.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.avro.SegmentChangeType;
import dev.customerpulse.avro.SegmentRuleState;
import dev.customerpulse.avro.SegmentRuleStatus;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.rules.RuleCommand;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runtime segment rules on the engine: published, changed, shadowed, refused, removed (restored: profile.ControlRestoreTest). */
class SegmentRulesTest {
  private static final ProfileLogic LOGIC = TestLogic.DEFAULTS;
  private EngineDriver engine;
  private final Unread<SegmentChange> changes = new Unread<>(() -> engine.segmentChanges);
  private final Unread<SegmentRuleStatus> statuses =
      new Unread<>(() -> engine.ruleStatuses);
  private int published;

  @BeforeEach
  void open() throws Exception {
    engine = new EngineDriver(LOGIC);
  }


  private void orders(String customer, int count, long day) throws Exception {
    for (int i = 0; i < count; i++) {
      engine.processElement(order(customer, EventKind.ORDER_PAID, day * DAY + i, 1_000, "EUR"), day * DAY + i);
    }
  }

  /** Customers ann (4 orders), bob (1), cat (3) and an anonymous visitor; outputs so far read and dropped. */
  private void population() throws Exception {
    orders("ann", 4, 10);
    orders("bob", 1, 10);
    orders("cat", 3, 10);
    engine.processElement(event("anon:dev-1", EventKind.PAGE_VIEW, 10 * DAY), 10 * DAY);
    changes.take();
    engine.updates.clear();
  }

  private List<SegmentChange> ruleChanges() {
    return changes.take().stream().filter(c -> c.getSegment().startsWith("rule:")).toList();
  }

  private List<ProfileUpdate> published() {
    List<ProfileUpdate> all = engine.updates;
    List<ProfileUpdate> fresh = all.subList(published, all.size());
    published = all.size();
    return List.copyOf(fresh);
  }

  private static RuleCommand live(String name, String expression, long version) {
    return RuleCommand.rule(name, expression, version, RuleCommand.LIVE, "");
  }

  private static RuleCommand shadow(String name, String expression, long version) {
    return RuleCommand.rule(name, expression, version, RuleCommand.SHADOW, "");
  }

  @Test
  void aLiveRuleIsEvaluatedAgainstEveryExistingCustomerAtOnce() throws Exception {
    population();
    engine.processRule(live("loyal", "orders >= 3", 1));

    assertThat(ruleChanges()).extracting(SegmentChange::getCustomerId, SegmentChange::getSegment, SegmentChange::getChange,
            SegmentChange::getReason, SegmentChange::getProfileVersion)
        .containsExactlyInAnyOrder(
            tuple("ann", "rule:loyal", SegmentChangeType.ENTERED, "matches rule loyal v1: orders >= 3", 5L),
            tuple("cat", "rule:loyal", SegmentChangeType.ENTERED, "matches rule loyal v1: orders >= 3", 4L));
    List<ProfileUpdate> updates = published();
    assertThat(updates).extracting(u -> u.customerId, u -> u.profile.version).containsExactlyInAnyOrder(tuple("ann", 5L),
        tuple("cat", 4L));
    assertThat(ProfileSegments.all(updates.get(0).profile)).as("the segments the Redis writer sets").contains("rule:loyal");
    assertThat(statuses.take()).singleElement().satisfies(status -> {
      assertThat(status.getStatus()).isEqualTo(SegmentRuleState.LIVE);
      assertThat(List.of(status.getCustomers(), status.getMembers(), status.getEntered(), status.getExited(), status.getErrors()))
          .as("customers, members, entered, exited, errors (the visitor is not a customer)").containsExactly(3L, 2L, 2L, 0L, 0L);
      assertThat(status.getVersion()).isEqualTo(1);
      assertThat(List.of(status.getSubtask(), status.getSubtasks())).containsExactly(0, 1);
    });
  }

  @Test
  void laterEventsMoveMembershipAndNothingIsEmittedWhenNothingMoves() throws Exception {
    population();
    engine.processRule(live("loyal", "orders >= 3", 1));
    ruleChanges();
    orders("bob", 2, 11);
    assertThat(ruleChanges()).extracting(SegmentChange::getCustomerId, SegmentChange::getChange, SegmentChange::getEventTime)
        .containsExactly(tuple("bob", SegmentChangeType.ENTERED, java.time.Instant.ofEpochMilli(11 * DAY + 1)));
    engine.processElement(event("cat", EventKind.PAGE_VIEW, 11 * DAY), 11 * DAY);
    engine.processElement(order("cat", EventKind.ORDER_REFUNDED, 11 * DAY + 5, 1_000, "EUR"), 11 * DAY + 5);
    assertThat(ruleChanges()).isEmpty();
  }

  @Test
  void aChangedRuleMovesMembersBothWaysAndAnOlderVersionIsRejected() throws Exception {
    population();
    engine.processRule(live("loyal", "orders >= 3", 1));
    ruleChanges();
    statuses.take();

    engine.processRule(live("loyal", "orders >= 4 || customer_id == 'bob'", 2));
    assertThat(ruleChanges()).extracting(SegmentChange::getCustomerId, SegmentChange::getChange, SegmentChange::getReason)
        .containsExactlyInAnyOrder(
            tuple("cat", SegmentChangeType.EXITED, "no longer matches rule loyal v2: orders >= 4 || customer_id == 'bob'"),
            tuple("bob", SegmentChangeType.ENTERED, "matches rule loyal v2: orders >= 4 || customer_id == 'bob'"));
    assertThat(statuses.take()).extracting(SegmentRuleStatus::getStatus, SegmentRuleStatus::getMembers,
        SegmentRuleStatus::getEntered, SegmentRuleStatus::getExited).containsExactly(tuple(SegmentRuleState.LIVE, 2L, 1L, 1L));

    published();
    engine.processRule(live("loyal", "true", 2));
    assertThat(ruleChanges()).isEmpty();
    assertThat(published()).isEmpty();
    assertThat(statuses.take()).extracting(SegmentRuleStatus::getStatus, SegmentRuleStatus::getReason)
        .containsExactly(tuple(SegmentRuleState.REJECTED, "rule loyal: version 2 is not newer than the live version 2"));
  }

  @Test
  void shadowModeReportsWhoWouldEnterAndLeaveAndChangesNothing() throws Exception {
    population();
    engine.processRule(live("loyal", "orders >= 3", 1));
    ruleChanges();
    statuses.take();
    published();

    engine.processRule(shadow("loyal", "orders >= 1 && orders < 4", 2));
    assertThat(ruleChanges()).isEmpty();
    assertThat(published()).isEmpty();
    assertThat(statuses.take()).singleElement().satisfies(status -> {
      assertThat(status.getStatus()).isEqualTo(SegmentRuleState.SHADOW);
      assertThat(List.of(status.getMembers(), status.getEntered(), status.getExited())).containsExactly(2L, 1L, 1L);
      assertThat(status.getReason()).isEqualTo("shadow: nothing changed; 1 would enter and 1 would leave rule:loyal");
    });
    orders("ann", 1, 12);
    assertThat(ruleChanges()).as("the live version still decides").isEmpty();
  }

  @Test
  void invalidRulesAreRejectedWithTheReasonAndNothingElseHappens() throws Exception {
    population();
    engine.processRule(live("broken", "orders >", 1));
    engine.processRule(live("Bad Name", "true", 1));
    engine.processRule(RuleCommand.unreadable("junk", "the record is not a readable SegmentRule: unknown magic byte"));
    engine.processRule(RuleCommand.rule("odd", "true", 1, "MAYBE", ""));
    assertThat(statuses.take()).allSatisfy(s -> assertThat(s.getStatus()).isEqualTo(SegmentRuleState.REJECTED))
        .extracting(SegmentRuleStatus::getReason)
        .satisfiesExactly(
            reason -> assertThat(reason).startsWith("rule broken: at 1:").doesNotContain("\n"),
            reason -> assertThat(reason).startsWith("rule name 'Bad Name' must be 1-64 characters"),
            reason -> assertThat(reason).isEqualTo("the record is not a readable SegmentRule: unknown magic byte"),
            reason -> assertThat(reason).isEqualTo("rule odd: mode must be LIVE or SHADOW, got MAYBE"));
    assertThat(ruleChanges()).isEmpty();
    orders("bob", 1, 11);
    assertThat(published()).hasSize(1);
  }

  @Test
  void onlyTheFirstInstanceReportsARejection() throws Exception {
    engine = new EngineDriver(LOGIC).asInstance(1, 2);
    engine.processRule(live("broken", "orders >", 1));
    engine.processRule(live("fine", "orders > 0", 1));
    assertThat(statuses.take()).extracting(SegmentRuleStatus::getStatus, SegmentRuleStatus::getSubtask,
        SegmentRuleStatus::getSubtasks).containsExactly(tuple(SegmentRuleState.LIVE, 1, 2));
  }

  @Test
  void removingARuleTakesItsMembersOut() throws Exception {
    population();
    engine.processRule(live("loyal", "orders >= 3", 1));
    ruleChanges();
    statuses.take();
    published();

    engine.processRule(RuleCommand.removal("loyal"));
    assertThat(ruleChanges()).extracting(SegmentChange::getCustomerId, SegmentChange::getChange, SegmentChange::getReason)
        .containsExactlyInAnyOrder(tuple("ann", SegmentChangeType.EXITED, "rule loyal was removed"),
            tuple("cat", SegmentChangeType.EXITED, "rule loyal was removed"));
    assertThat(published()).allSatisfy(u -> assertThat(u.profile.ruleSegments).isEmpty()).hasSize(2);
    assertThat(statuses.take()).extracting(SegmentRuleStatus::getStatus, SegmentRuleStatus::getExited)
        .containsExactly(tuple(SegmentRuleState.REMOVED, 2L));
    engine.processRule(RuleCommand.removal("loyal"));
    assertThat(statuses.take()).as("removing an unknown rule is a no-op").isEmpty();
    orders("bob", 5, 11);
    assertThat(ruleChanges()).isEmpty();
  }

  @Test
  void aCustomerWhoExpiresLeavesEverySegment() throws Exception {
    orders("ann", 4, 10);
    engine.processRule(live("loyal", "orders >= 3", 1));
    changes.take();
    engine.processWatermark(10 * DAY + 731 * DAY);
    assertThat(changes.take()).filteredOn(c -> c.getChange() == SegmentChangeType.EXITED)
        .extracting(SegmentChange::getSegment).contains("rule:loyal", "tier:normal").allSatisfy(segment ->
            assertThat(segment).matches("(tier|lifecycle|rfm|rule):.+"));
    assertThat(engine.timerCount()).isZero();
    assertThat(engine.keys()).isEmpty();
  }
}
