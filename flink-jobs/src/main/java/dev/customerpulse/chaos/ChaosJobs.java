package dev.customerpulse.chaos;

import dev.customerpulse.job.LocalRuntime;
import dev.customerpulse.job.PulseOptions;
import dev.customerpulse.job.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;

/**
 * The two jobs of a chaos run: both read the same input topics; each writes its own output topics,
 * Redis keys, consumer group and transactions, so the faulted run can be compared with the
 * failure-free reference.
 */
final class ChaosJobs {
  static final String REFERENCE = "reference";
  static final String FAULTED = "faulted";
  static final int PARALLELISM = 2;
  static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);
  /** pulse.events.source-idleness of both jobs: once input stops, event time moves on after this. */
  static final Duration SOURCE_IDLENESS = Duration.ofSeconds(10);
  /** How long outputs must stay unchanged before a run counts as done: past the idleness, and a checkpoint more. */
  static final Duration SETTLE = SOURCE_IDLENESS.plusSeconds(6);

  private ChaosJobs() {}

  /** Inputs shared by both jobs (the defaults); outputs and the handoff loop suffixed with the run's name. */
  static Topics topics(String run) {
    Topics inputs = Topics.defaults();
    return new Topics(inputs.clicks(), inputs.orders(), inputs.serviceCalls(), inputs.identities(),
        "segment-changes-" + run, "churn-alerts-" + run, "date-triggers-" + run, "dead-letters-" + run, "late-events-" + run,
        "customer-profiles-" + run, "customer-handoffs-" + run, inputs.segmentRules(), "segment-rule-status-" + run,
        "clv-quantiles-" + run, inputs.privacyRequests(), "privacy-receipts-" + run);
  }

  static String redisPrefix(String run) {
    return "chaos-" + run;
  }

  /** The pulse settings of one run's job. */
  static Configuration configuration(String run, String kafka, String registry, String redis) {
    Topics topics = topics(run);
    Configuration conf = new Configuration();
    conf.set(PulseOptions.KAFKA_BOOTSTRAP_SERVERS, kafka);
    conf.set(PulseOptions.REGISTRY_URL, registry);
    conf.set(PulseOptions.REDIS_URL, redis);
    conf.set(PulseOptions.REDIS_KEY_PREFIX, redisPrefix(run));
    conf.set(PulseOptions.KAFKA_GROUP_ID, "chaos-" + run);
    conf.set(PulseOptions.TRANSACTIONAL_ID_PREFIX, "chaos-" + run);
    conf.set(PulseOptions.PSEUDONYMISATION_SECRET, LocalRuntime.LOCAL_PSEUDONYMISATION_SECRET);
    // Generated customer time runs ahead of the clock.
    conf.set(PulseOptions.VALIDATION_MAX_FUTURE, Duration.ofDays(3650));
    conf.set(PulseOptions.TOPIC_CLICKS, topics.clicks());
    conf.set(PulseOptions.TOPIC_ORDERS, topics.orders());
    conf.set(PulseOptions.TOPIC_SERVICE_CALLS, topics.serviceCalls());
    conf.set(PulseOptions.TOPIC_IDENTITIES, topics.identities());
    conf.set(PulseOptions.TOPIC_HANDOFFS, topics.customerHandoffs());
    conf.set(PulseOptions.TOPIC_SEGMENT_RULES, topics.segmentRules());
    conf.set(PulseOptions.TOPIC_SEGMENT_RULE_STATUS, topics.segmentRuleStatus());
    conf.set(PulseOptions.TOPIC_CLV_QUANTILES, topics.clvQuantiles());
    conf.set(PulseOptions.TOPIC_PRIVACY_REQUESTS, topics.privacyRequests());
    conf.set(PulseOptions.TOPIC_PRIVACY_RECEIPTS, topics.privacyReceipts());
    conf.set(PulseOptions.TOPIC_SEGMENT_CHANGES, topics.segmentChanges());
    conf.set(PulseOptions.TOPIC_CHURN_ALERTS, topics.churnAlerts());
    conf.set(PulseOptions.TOPIC_DATE_TRIGGERS, topics.dateTriggers());
    conf.set(PulseOptions.TOPIC_DEAD_LETTERS, topics.deadLetters());
    conf.set(PulseOptions.TOPIC_LATE_EVENTS, topics.lateEvents());
    conf.set(PulseOptions.TOPIC_CUSTOMER_PROFILES, topics.customerProfiles());
    conf.set(PulseOptions.SOURCE_IDLENESS, SOURCE_IDLENESS);
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, CHECKPOINT_INTERVAL);
    conf.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, Duration.ofMillis(500));
    conf.set(CoreOptions.DEFAULT_PARALLELISM, PARALLELISM);
    return conf;
  }

  /**
   * The faulted job's config.yaml on the cluster: its pulse settings and what the Helm chart sets for
   * Flink (restart strategy, RocksDB, incremental checkpoints on local disk), with quicker failure
   * detection and backoff than production so that a CI run fits twenty faults.
   */
  static Map<String, String> clusterConfiguration(Configuration pulse, String checkpointsUri) {
    Map<String, String> conf = new LinkedHashMap<>(pulse.toMap());
    conf.put("taskmanager.numberOfTaskSlots", String.valueOf(PARALLELISM));
    conf.put("cluster.evenly-spread-out-slots", "true");
    conf.put("state.backend.type", "rocksdb");
    conf.put("execution.checkpointing.incremental", "true");
    conf.put("execution.checkpointing.dir", checkpointsUri);
    conf.put("restart-strategy.type", "exponential-delay");
    conf.put("restart-strategy.exponential-delay.initial-backoff", "500 ms");
    conf.put("restart-strategy.exponential-delay.max-backoff", "5 s");
    conf.put("restart-strategy.exponential-delay.backoff-multiplier", "2.0");
    conf.put("restart-strategy.exponential-delay.reset-backoff-threshold", "30 s");
    conf.put("restart-strategy.exponential-delay.jitter-factor", "0.1");
    conf.put("restart-strategy.exponential-delay.attempts-before-reset-backoff", "1000");
    conf.put("heartbeat.interval", "1 s");
    conf.put("heartbeat.timeout", "6 s");
    conf.put("taskmanager.memory.managed.fraction", "0.3");
    conf.put("env.java.opts.all", dev.customerpulse.connectors.kafka.AvroLimits.JVM_OPTIONS);
    return conf;
  }
}
