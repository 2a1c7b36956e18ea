package dev.customerpulse.it;

import static dev.customerpulse.it.ItEvents.click;
import static dev.customerpulse.it.ItEvents.paid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.customerpulse.avro.ClickType;
import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.job.JobLauncher;
import dev.customerpulse.localstack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;

/**
 * The job end to end on the secured stack: Kafka over SASL_SSL with SCRAM and ACLs that allow the job
 * user only its own topics, group and transactional ids; Redis over TLS as an ACL user limited to the
 * job's keys; the registry over HTTPS with basic auth.
 */
class SecuredStackIT {

  @Test
  void theJobReadsAndWritesEverythingAsTheJobUser() throws Exception {
    try (PulseTestStack it = new PulseTestStack(LocalStack.sharedSecured())) {
      JobClient job = JobLauncher.start(it.jobConfiguration(), "customer-pulse-secured-it");
      it.send(it.topics.clicks(), "alice", click("c1", "alice", "dev-a", ClickType.PAGE_VIEW, 1_000));
      it.awaitVersion("alice", "1");
      it.send(it.topics.orders(), "alice", paid("o1", "alice", 3_000, 60_000));
      it.awaitVersion("alice", "2");
      it.stopWithSavepoint(job);

      assertThat(it.redis().hgetAll(it.key("profile:{alice}"))).containsAllEntriesOf(Map.of(
          "v", "2", "orders", "1", "spend_minor", "60000", "page_views", "1", "value_tier", "high"));
      assertThat(it.redis().smembers(it.key("segment:tier:high"))).isEqualTo(Set.of("alice"));
      assertThat(it.readCommitted(it.topics.segmentChanges(), SegmentChange.class))
          .extracting(r -> new String(r.key(), StandardCharsets.UTF_8), r -> r.value().getChangeId())
          .containsExactlyInAnyOrder(
              tuple("alice", "alice/1/tier:new/entered"),
              tuple("alice", "alice/1/lifecycle:new/entered"),
              tuple("alice", "alice/2/tier:new/exited"),
              tuple("alice", "alice/2/tier:high/entered"),
              tuple("alice", "alice/2/rfm:potential_loyalist/entered"));
    }
  }
}
