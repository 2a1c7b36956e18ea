package dev.customerpulse.it;

import static dev.customerpulse.it.ItEvents.paid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.avro.SegmentChangeType;
import dev.customerpulse.cli.PulseCli;
import dev.customerpulse.job.JobLauncher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;

/**
 * Consent end to end: `pulse consent` writes the decision to the identities topic, the job applies it,
 * Redis and segment-changes show it, and `pulse consent` reads it back.
 */
class ConsentIT extends OnTestStack {
  private PulseCli.Result consent(String... args) {
    List<String> all = new ArrayList<>(List.of("consent"));
    all.addAll(List.of(args));
    all.addAll(List.of("--kafka-bootstrap-servers", it.stack.kafkaBootstrapServers(), "--registry-url",
        it.stack.registryUrl(), "--redis-url", it.stack.redisUrl(), "-D", "pulse.redis.key-prefix=" + it.redisPrefix,
        "-D", "pulse.topics.identities=" + it.topics.identities()));
    return PulseCli.run(all.toArray(String[]::new));
  }

  private Map<String, String> profile(String customer) {
    return it.redis().hgetAll(it.key("profile:{" + customer + "}"));
  }

  private void await(String what, Predicate<Map<String, String>> condition, String customer) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!condition.test(profile(customer))) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(what + "; Redis has " + profile(customer));
      }
      Thread.sleep(50);
    }
  }

  private List<SegmentChange> segmentChanges(int atLeast) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    List<SegmentChange> changes = new ArrayList<>();
    while (changes.size() < atLeast && System.currentTimeMillis() < deadline) {
      changes.clear();
      it.readCommitted(it.topics.segmentChanges(), SegmentChange.class).forEach(r -> changes.add(r.value()));
      Thread.sleep(100);
    }
    return changes;
  }

  @Test
  void aWithdrawalTakesTheCustomerOutOfEverySegmentAndAGrantBringsThemBack() throws Exception {
    PulseCli.Result unknown = consent("ann", "--grant", "telepathy");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo("pulse: unknown purpose 'telepathy': not one of pulse.consent.purposes"
        + " [profiling, marketing_email, marketing_sms, marketing_push]\n");

    JobClient job = JobLauncher.start(it.jobConfiguration(), "customer-pulse-consent-it");
    try {
      // Event times of now: the CLI's decisions carry the wall clock, and must not make ann look long silent.
      long now = System.currentTimeMillis();
      it.send(it.topics.orders(), "ann", paid("o-ann", "ann", now - 60_000, 6_000));
      await("ann profiled", p -> "1".equals(p.get("orders")), "ann");
      List<String> segments = List.of(profile("ann").get("segments").split(","));
      await("ann's segment sets synced", p -> p.get("segments").equals(p.get("segments_synced")), "ann");
      String profilingSet = it.key("consent:profiling");

      PulseCli.Result withdrawn = consent("ann", "--withdraw", "profiling", "--source", "call-centre");
      assertThat(withdrawn.exitCode()).as(withdrawn.err()).isZero();
      assertThat(withdrawn.out()).startsWith("ann: withdrew consent for profiling (source call-centre), event consent-")
          .endsWith(" on " + it.topics.identities() + "\n");
      await("ann kept without profiling", p -> !p.containsKey("churn_risk") && "2".equals(p.get("v")), "ann");
      assertThat(profile("ann").keySet()).containsExactlyInAnyOrder("v", "segments", "segments_synced",
          "consents_synced", "customer_id", "consents", "consent_decisions");
      for (String segment : segments) {
        assertThat(it.redis().sismember(it.key("segment:" + segment), "ann")).as(segment).isFalse();
      }
      assertThat(it.redis().zscore(it.key("rank:churn-risk"), "ann")).isNull();
      List<SegmentChange> changes = segmentChanges(2 * segments.size());
      List<String> expected = new ArrayList<>();
      segments.forEach(s -> expected.add("ann/1/" + s + "/entered ENTERED profiling"));
      segments.forEach(s -> expected.add("ann/2/" + s + "/exited EXITED profiling"));
      assertThat(changes).extracting(c -> c.getChangeId() + " " + c.getChange() + " " + c.getPurpose())
          .containsExactlyElementsOf(expected);

      PulseCli.Result shown = consent("ann");
      assertThat(shown.exitCode()).as(shown.err()).isZero();
      String[] lines = shown.out().split("\n");
      assertThat(lines[0]).isEqualTo("ann  consent mode OPT_OUT, kept without profiling (no scores or segments)");
      assertThat(lines[2]).startsWith("  profiling          withdrawn  20").contains(" call-centre ").endsWith(" -");
      assertThat(lines[3]).isEqualTo(String.format("  %-18s %-10s %-25s %-20s %s", "marketing_email", "none", "", "", "-"));

      assertThat(consent("ann", "--grant", "profiling").exitCode()).isZero();
      assertThat(consent("ann", "--grant", "marketing_sms").exitCode()).isZero();
      await("ann back, and in the consent sets", p -> p.containsKey("churn_risk")
          && "marketing_sms,profiling".equals(p.get("consents_synced")), "ann");
      assertThat(it.redis().smembers(profilingSet)).containsExactly("ann");
      assertThat(it.redis().sismember(it.key("consent:marketing_sms"), "ann")).isTrue();
      assertThat(segmentChanges(2 * segments.size() + 2)).filteredOn(c -> c.getProfileVersion() == 3)
          .extracting(SegmentChange::getChange).containsOnly(SegmentChangeType.ENTERED).hasSize(2);
    } finally {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
  }
}
