package dev.customerpulse.job;

import dev.customerpulse.profile.ProfileOutputs;

import dev.customerpulse.avro.ChurnAlert;
import dev.customerpulse.avro.PrivacyReceipt;
import dev.customerpulse.profile.AlertStreamEntry;
import dev.customerpulse.avro.DateTrigger;
import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.avro.SegmentRuleStatus;
import dev.customerpulse.rules.RuleCommand;
import dev.customerpulse.profile.ClvPercentiles;
import dev.customerpulse.profile.ProfileControl;
import dev.customerpulse.segments.ClvCuts;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.IngestRecord;
import dev.customerpulse.ingest.IngestWatermarks;
import dev.customerpulse.profile.CustomerProfileFunction;
import dev.customerpulse.profile.CustomerProfileOperator;
import dev.customerpulse.profile.LatestPerCustomer;
import dev.customerpulse.profile.RedisRefill;
import dev.customerpulse.engine.ProfileUpdate;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import dev.customerpulse.identity.HandoffWatermarks;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Customer Pulse pipeline:
 *
 * <pre>
 *   clicks     ─► route dead letters ─┐                                      ┌─► Redis (profiles, segment sets)
 *   orders     ─► route dead letters ─┤                                      ├─► latest per customer ─► customer-profiles
 *   calls      ─► route dead letters ─┼─► keyBy customer ─┐                   ├─► segment-changes
 *   identities ─► route dead letters ─┤                   ├─► customer profile ─┼─► churn-alerts (Kafka, Redis stream)
 *   privacy-requests ─► route d. l. ──┤                   │                    ├─► privacy-receipts
 *   customer-handoffs ────────────────┘                   │   (features, CLV,    ├─► date-triggers
 *   segment-rules, clv-quantiles ──────────(broadcast)────┘   churn, links,      ├─► segment-rule-status
 *          ▲                                                                      ├─► CLV samples ─► population sketch ─► clv-quantiles
 *          ▲                                                  merges, alerts,    └─► customer-handoffs ─┐
 *          │                                                  rules, one timer per customer)           │
 *          └──────────── merged and linked keys hand their state and events on ◄───────────────────────┘
 *
 *   all inputs ─► dead-letters, late-events (later than the allowed lateness)   (Kafka outputs exactly once)
 * </pre>
 *
 * The handoff loop goes through Kafka, exactly once: Flink 2 has no iterations, and one key cannot
 * reach another key's state inside an operator.
 *
 * Sources and sinks are passed in, so tests run this same pipeline on their own inputs and outputs.
 */
public final class CustomerPulseJob {
  public static final String NAME = "customer-pulse";

  /** The four inputs, each emitting decoded events or dead letters, and the handoffs the job sent itself. */
  public record Sources(Source<IngestRecord, ?, ?> clicks, Source<IngestRecord, ?, ?> orders,
      Source<IngestRecord, ?, ?> serviceCalls, Source<IngestRecord, ?, ?> identities, Source<CustomerEvent, ?, ?> handoffs,
      Source<RuleCommand, ?, ?> rules, Source<ClvCuts, ?, ?> clvPercentiles, Source<IngestRecord, ?, ?> privacyRequests) {}

  public record Sinks(Sink<ProfileUpdate> profiles, Sink<ProfileUpdate> profileSnapshots, Sink<SegmentChange> segmentChanges,
      Sink<ChurnAlert> churnAlerts, Sink<AlertStreamEntry> churnAlertStream, Sink<DateTrigger> dateTriggers,
      Sink<DeadLetter> deadLetters, Sink<DeadLetter> lateEvents, Sink<CustomerEvent> handoffs,
      Sink<SegmentRuleStatus> ruleStatus, Sink<ClvCuts> clvPercentiles, Sink<PrivacyReceipt> privacyReceipts) {}

  /** Customers waiting per subtask for their profile snapshot before all are written early (bounds memory). */
  static final int SNAPSHOT_BUFFER = 100_000;

  private final PulseSettings.JobLogic logic;
  private final Sources sources;
  private final Sinks sinks;
  /** Refills Redis from state when it lost its data; null when there is no Redis (tests) or the check is off. */
  private final RedisRefill redisRefill;

  public CustomerPulseJob(PulseSettings.JobLogic logic, Sources sources, Sinks sinks) {
    this(logic, sources, sinks, null);
  }

  public CustomerPulseJob(PulseSettings.JobLogic logic, Sources sources, Sinks sinks, RedisRefill redisRefill) {
    this.logic = logic;
    this.sources = sources;
    this.sinks = sinks;
    this.redisRefill = redisRefill;
  }

  /** Runs the job from Flink configuration, as the Flink Kubernetes Operator starts it. */
  public static void main(String[] args) throws Exception {
    JobLauncher.start(FlinkSetup.configurationFromArgs(args), NAME).getJobExecutionResult().get();
  }

  public void build(StreamExecutionEnvironment env) {
    WatermarkStrategy<IngestRecord> eventTime =
        IngestWatermarks.strategy(logic.maxOutOfOrderness(), logic.sourceIdleness());

    // Dead letters are split off right at each source (chained to it), so good events cross one
    // network hop only: the keyBy.
    SingleOutputStreamOperator<CustomerEvent> clicks = routed(env, sources.clicks(), eventTime, "clicks");
    SingleOutputStreamOperator<CustomerEvent> orders = routed(env, sources.orders(), eventTime, "orders");
    SingleOutputStreamOperator<CustomerEvent> calls = routed(env, sources.serviceCalls(), eventTime, "service-calls");
    SingleOutputStreamOperator<CustomerEvent> identities = routed(env, sources.identities(), eventTime, "identities");
    SingleOutputStreamOperator<CustomerEvent> requests = routed(env, sources.privacyRequests(), eventTime,
        "privacy-requests");
    DataStream<CustomerEvent> handoffs = env.fromSource(sources.handoffs(), HandoffWatermarks.strategy(), "customer-handoffs")
        .uid("source-customer-handoffs");

    // Runtime segment rules and the population's CLV percentiles (the job's own output, read back)
    // reach every instance of the profile operator; they carry no event time.
    DataStream<ProfileControl> rules = env.fromSource(sources.rules(), HandoffWatermarks.<RuleCommand>alwaysIdle(),
            "segment-rules").uid("source-segment-rules")
        .map(ProfileControl::of, TypeInformation.of(ProfileControl.class)).name("segment rule").uid("segment-rule-control");
    DataStream<ProfileControl> percentiles = env.fromSource(sources.clvPercentiles(), HandoffWatermarks.<ClvCuts>alwaysIdle(),
            "clv-quantiles").uid("source-clv-quantiles")
        .map(ProfileControl::of, TypeInformation.of(ProfileControl.class)).name("clv percentiles").uid("clv-percentiles-control");
    // Every instance gets every control record. The operator is Flink's keyed-broadcast operator with
    // a write-back cache of customer states (CustomerProfileOperator), so it is set up by hand here.
    DataStream<ProfileControl> control = rules.union(percentiles).broadcast();

    SingleOutputStreamOperator<ProfileUpdate> profiles = clicks.union(orders, calls, identities, requests, handoffs)
        .keyBy(new ByCustomer())
        .connect(control)
        .transform(CustomerProfileFunction.OPERATOR, TypeInformation.of(ProfileUpdate.class),
            new CustomerProfileOperator(new CustomerProfileFunction(logic.profile(), logic.deadLetters(),
                logic.injectExceptionEvery(), logic.crashFile()), logic.stateCacheCustomers())
                .withRedisRefill(redisRefill))
        .uid("customer-profile");

    profiles.sinkTo(sinks.profiles()).name("redis profiles").uid("sink-redis-profiles");
    profiles.transform("latest per customer", TypeInformation.of(ProfileUpdate.class), new LatestPerCustomer(SNAPSHOT_BUFFER,
            logic.snapshotDelay().toMillis()))
        .uid("latest-per-customer")
        .sinkTo(sinks.profileSnapshots()).name("customer profiles").uid("sink-customer-profiles");
    profiles.getSideOutput(ProfileOutputs.SEGMENT_CHANGES)
        .sinkTo(sinks.segmentChanges()).name("segment changes").uid("sink-segment-changes");
    profiles.getSideOutput(ProfileOutputs.CHURN_ALERTS).sinkTo(sinks.churnAlerts()).name("churn alerts").uid("sink-churn-alerts");
    // Alerts and the purges of erased customers' entries, in the order they happened.
    profiles.getSideOutput(ProfileOutputs.ALERT_STREAM)
        .sinkTo(sinks.churnAlertStream()).name("redis churn alert stream").uid("sink-redis-churn-alerts");
    profiles.getSideOutput(ProfileOutputs.PRIVACY_RECEIPTS)
        .sinkTo(sinks.privacyReceipts()).name("privacy receipts").uid("sink-privacy-receipts");
    profiles.getSideOutput(ProfileOutputs.DATE_TRIGGERS)
        .sinkTo(sinks.dateTriggers()).name("date triggers").uid("sink-date-triggers");
    profiles.getSideOutput(ProfileOutputs.RULE_STATUS)
        .sinkTo(sinks.ruleStatus()).name("segment rule status").uid("sink-segment-rule-status");
    // One instance sees every buying customer's daily CLV and keeps the population's sketch.
    profiles.getSideOutput(ProfileOutputs.CLV_SAMPLES)
        .process(new ClvPercentiles(logic.profile().tiers(), logic.minPercentilePopulation()), TypeInformation.of(ClvCuts.class))
        .name("clv population sketch").uid("clv-population-sketch").setParallelism(1).setMaxParallelism(1)
        .sinkTo(sinks.clvPercentiles()).name("clv quantiles").uid("sink-clv-quantiles").setParallelism(1);
    profiles.getSideOutput(ProfileOutputs.HANDOFFS)
        .sinkTo(sinks.handoffs()).name("customer handoffs").uid("sink-customer-handoffs");
    clicks.getSideOutput(RouteDeadLetters.DEAD_LETTERS)
        .union(orders.getSideOutput(RouteDeadLetters.DEAD_LETTERS), calls.getSideOutput(RouteDeadLetters.DEAD_LETTERS),
            identities.getSideOutput(RouteDeadLetters.DEAD_LETTERS), requests.getSideOutput(RouteDeadLetters.DEAD_LETTERS),
            profiles.getSideOutput(ProfileOutputs.DEAD_LETTERS))
        .sinkTo(sinks.deadLetters()).name("dead letters").uid("sink-dead-letters");
    clicks.getSideOutput(RouteDeadLetters.LATE_EVENTS)
        .union(orders.getSideOutput(RouteDeadLetters.LATE_EVENTS), calls.getSideOutput(RouteDeadLetters.LATE_EVENTS))
        .sinkTo(sinks.lateEvents()).name("late events").uid("sink-late-events");
  }

  private SingleOutputStreamOperator<CustomerEvent> routed(StreamExecutionEnvironment env,
      Source<IngestRecord, ?, ?> source, WatermarkStrategy<IngestRecord> eventTime, String input) {
    return env.fromSource(source, eventTime, input).uid("source-" + input)
        .process(new RouteDeadLetters(logic.allowedLateness(), input, logic.deadLetters())).name(RouteDeadLetters.operatorName(input))
        .uid("route-dead-letters-" + input);
  }

  /** Keys events by customer (or anonymous visitor). */
  static final class ByCustomer implements KeySelector<CustomerEvent, String> {
    @Override
    public String getKey(CustomerEvent event) {
      return event.customerKey;
    }
  }
}
