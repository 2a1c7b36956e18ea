package dev.customerpulse.it;

import static dev.customerpulse.it.ItEvents.paid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.avro.SegmentChangeType;
import dev.customerpulse.avro.SegmentRuleState;
import dev.customerpulse.avro.SegmentRuleStatus;
import dev.customerpulse.cli.PulseCli;
import dev.customerpulse.job.JobLauncher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;

/**
 * Rules added, changed, shadowed, refused and removed while the whole job runs on real Kafka, registry
 * and Redis, published with the real CLI; Redis and the segment-changes topic asserted exactly.
 */
class SegmentRulesIT extends OnTestStack {
  private PulseCli.Result rules(String... more) {
    List<String> args = new ArrayList<>(List.of("rules"));
    args.addAll(Arrays.asList(more));
    args.addAll(List.of("--kafka-bootstrap-servers", it.stack.kafkaBootstrapServers(), "--registry-url", it.stack.registryUrl(),
        "-D", "pulse.topics.segment-rules=" + it.topics.segmentRules(),
        "-D", "pulse.topics.segment-rule-status=" + it.topics.segmentRuleStatus()));
    return PulseCli.run(args.toArray(String[]::new));
  }

  private PulseCli.Result ok(PulseCli.Result result) {
    assertThat(result.exitCode()).as(result.err()).isZero();
    return result;
  }

  private Set<String> members(String segment) {
    return it.redis().smembers(it.key("segment:" + segment));
  }

  /** Waits until the status topic has a committed report matching {@code wanted}, and returns it. */
  private SegmentRuleStatus awaitStatus(Predicate<SegmentRuleStatus> wanted) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      for (var record : it.readCommitted(it.topics.segmentRuleStatus(), SegmentRuleStatus.class)) {
        if (wanted.test(record.value())) {
          return record.value();
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no such rule status reported");
  }

  private void awaitMembers(String segment, Set<String> expected) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!members(segment).equals(expected)) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(segment + " has " + members(segment) + ", never " + expected);
      }
      Thread.sleep(50);
    }
  }

  private static Predicate<SegmentRuleStatus> is(String name, long version, SegmentRuleState state) {
    return s -> s.getName().equals(name) && s.getVersion() == version && s.getStatus() == state;
  }

  @Test
  void rulesAreAddedChangedShadowedRefusedAndRemovedAtRuntime() throws Exception {
    JobClient job = JobLauncher.start(it.jobConfiguration(), "customer-pulse-rules-it");
    int order = 0;
    for (String[] customer : new String[][] {{"ann", "4"}, {"bob", "1"}, {"cat", "3"}}) {
      for (int i = 0; i < Integer.parseInt(customer[1]); i++) {
        it.sendAsync(it.topics.orders(), customer[0], paid("o" + ++order, customer[0], 1_000L * order, 1_000));
      }
    }
    it.flush();
    it.awaitVersion("ann", "4");
    it.awaitVersion("bob", "1");
    it.awaitVersion("cat", "3");

    // Checked first: an invalid rule never reaches the topic.
    PulseCli.Result invalid = rules("publish", "bad", "orders >");
    assertThat(invalid.exitCode()).isEqualTo(2);
    assertThat(invalid.err().strip()).startsWith("pulse: rule bad: at 1:").doesNotContain("\n").doesNotContain("Exception");

    assertThat(ok(rules("publish", "loyal", "orders >= 3", "--description", "three orders or more")).out())
        .startsWith("published rule:loyal v1 (LIVE): orders >= 3");
    awaitMembers("rule:loyal", Set.of("ann", "cat"));
    SegmentRuleStatus first = awaitStatus(is("loyal", 1, SegmentRuleState.LIVE));
    assertThat(first.getSubtasks()).isEqualTo(2);
    assertThat(it.redis().hget(it.key("profile:{ann}"), "segments")).endsWith(",rule:loyal");

    ok(rules("publish", "loyal", "orders >= 4"));
    awaitMembers("rule:loyal", Set.of("ann"));

    ok(rules("publish", "loyal", "orders >= 1", "--shadow"));
    awaitStatus(is("loyal", 3, SegmentRuleState.SHADOW));
    assertThat(members("rule:loyal")).as("shadow changes nothing").containsExactly("ann");

    // A record the CLI would never write: refused on the status topic, the job runs on.
    it.sendRaw(it.topics.segmentRules(), "junk", "not avro".getBytes(StandardCharsets.UTF_8));
    SegmentRuleStatus junk = awaitStatus(s -> s.getName().equals("junk"));
    assertThat(junk.getStatus()).isEqualTo(SegmentRuleState.REJECTED);
    assertThat(junk.getReason()).startsWith("the record is not a readable SegmentRule");

    it.send(it.topics.orders(), "bob", paid("o-late", "bob", 20_000, 1_000));
    it.send(it.topics.orders(), "bob", paid("o-later", "bob", 21_000, 1_000));
    it.send(it.topics.orders(), "bob", paid("o-latest", "bob", 22_000, 1_000));
    awaitMembers("rule:loyal", Set.of("ann", "bob"));

    assertThat(ok(rules("list")).out()).isEqualTo(
        "loyal                v2    LIVE   orders >= 4\n");
    String status = ok(rules("status")).out();
    assertThat(status).contains("loyal v3 SHADOW: would match 3 of 3 customers: 2 would enter, 0 would leave\n")
        .contains("junk v0 REJECTED: the record is not a readable SegmentRule");

    ok(rules("remove", "loyal"));
    awaitMembers("rule:loyal", Set.of());
    awaitStatus(is("loyal", 2, SegmentRuleState.REMOVED));
    assertThat(rules("remove", "loyal").exitCode()).isEqualTo(2);
    it.stopWithSavepoint(job);

    List<SegmentChange> ruleChanges = it.readCommitted(it.topics.segmentChanges(), SegmentChange.class).stream()
        .map(r -> r.value()).filter(c -> c.getSegment().equals("rule:loyal")).toList();
    assertThat(ruleChanges).extracting(SegmentChange::getCustomerId, SegmentChange::getChange, SegmentChange::getReason)
        .containsExactlyInAnyOrder(
            tuple("ann", SegmentChangeType.ENTERED, "matches rule loyal v1: orders >= 3"),
            tuple("cat", SegmentChangeType.ENTERED, "matches rule loyal v1: orders >= 3"),
            tuple("cat", SegmentChangeType.EXITED, "no longer matches rule loyal v2: orders >= 4"),
            tuple("bob", SegmentChangeType.ENTERED, "matches rule loyal v2: orders >= 4"),
            tuple("ann", SegmentChangeType.EXITED, "rule loyal was removed"),
            tuple("bob", SegmentChangeType.EXITED, "rule loyal was removed"));
    assertThat(ruleChanges.stream().filter(c -> c.getCustomerId().equals("cat")).map(SegmentChange::getChange))
        .as("in order per customer").containsExactly(SegmentChangeType.ENTERED, SegmentChangeType.EXITED);
    assertThat(it.redis().hget(it.key("profile:{ann}"), "segments")).doesNotContain("rule:");
  }

}
