package dev.customerpulse.profile;

import dev.customerpulse.avro.ChurnAlert;
import dev.customerpulse.avro.DateTrigger;
import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.avro.PrivacyReceipt;
import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.avro.SegmentRuleStatus;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.rules.RuleCommand;
import dev.customerpulse.segments.ClvCuts;
import dev.customerpulse.segments.ChurnAlertPolicy;
import dev.customerpulse.state.CustomerState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.util.OutputTag;

/** The profile operator's state and its side outputs, by the names savepoints and the job know them. */
public final class ProfileOutputs {
  private ProfileOutputs() {}

  /** Each customer's state (keyed). */
  static final ValueStateDescriptor<CustomerState> CUSTOMER =
      new ValueStateDescriptor<>("customer", TypeInformation.of(CustomerState.class));
  /** Erasure markers: keyed hash of an erased id and its erasure time (union operator state). */
  static final ListStateDescriptor<Tuple2<Long, Long>> ERASURE_MARKERS =
      new ListStateDescriptor<>("erasure-markers", Types.TUPLE(Types.LONG, Types.LONG));
  /** The live segment rules, by name, on every instance (broadcast state). */
  public static final MapStateDescriptor<String, RuleCommand> RULES =
      new MapStateDescriptor<>("segment-rules", Types.STRING, TypeInformation.of(RuleCommand.class));
  /** The latest CLV percentiles of the population, under {@link #CLV_CUTS_KEY} (broadcast state). */
  public static final MapStateDescriptor<String, ClvCuts> CLV_CUTS =
      new MapStateDescriptor<>("clv-cuts", Types.STRING, TypeInformation.of(ClvCuts.class));
  static final String CLV_CUTS_KEY = "clv";

  /** One CLV sample (day, CLV in minor units) per buying customer and day, for the population sketch. */
  public static final OutputTag<Tuple2<Long, Double>> CLV_SAMPLES =
      new OutputTag<>("clv-samples", Types.TUPLE(Types.LONG, Types.DOUBLE));
  /** What became of each published rule (segment-rule-status topic). */
  public static final OutputTag<SegmentRuleStatus> RULE_STATUS =
      new OutputTag<>("segment-rule-status", new AvroTypeInfo<>(SegmentRuleStatus.class));
  public static final OutputTag<SegmentChange> SEGMENT_CHANGES =
      new OutputTag<>("segment-changes", new AvroTypeInfo<>(SegmentChange.class));
  /** State and events on their way from a merged or linked key to its successor (the customer-handoffs topic). */
  public static final OutputTag<CustomerEvent> HANDOFFS =
      new OutputTag<>("customer-handoffs", TypeInformation.of(CustomerEvent.class));
  /** Events the operator cannot place (a merge loop). */
  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("profile-dead-letters", new AvroTypeInfo<>(DeadLetter.class));
  /** Churn alerts, when a customer's risk crosses the alert threshold (see {@link ChurnAlertPolicy}). */
  public static final OutputTag<ChurnAlert> CHURN_ALERTS =
      new OutputTag<>("churn-alerts", new AvroTypeInfo<>(ChurnAlert.class));
  /** The Redis churn-alert stream's input: each churn alert, and the purge of each erased customer's entries. */
  public static final OutputTag<AlertStreamEntry> ALERT_STREAM = new OutputTag<>("redis-alert-stream", AlertStreamEntry.TYPE);
  /** Answers to privacy requests (the privacy-receipts topic). */
  public static final OutputTag<PrivacyReceipt> PRIVACY_RECEIPTS =
      new OutputTag<>("privacy-receipts", new AvroTypeInfo<>(PrivacyReceipt.class));
  /** Birthdays and sign-up anniversaries, on the day in event time. */
  public static final OutputTag<DateTrigger> DATE_TRIGGERS =
      new OutputTag<>("date-triggers", new AvroTypeInfo<>(DateTrigger.class));
}
