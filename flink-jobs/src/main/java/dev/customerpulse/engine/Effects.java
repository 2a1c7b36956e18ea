package dev.customerpulse.engine;

import dev.customerpulse.avro.ChurnAlert;
import dev.customerpulse.avro.DateTrigger;
import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.avro.PrivacyReceipt;
import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.state.CustomerState;
import java.util.ArrayList;
import java.util.List;

/**
 * What should happen after the engine looked at one customer: the state to keep, the profile updates
 * and records to emit, the timer to move, a CLV sample, and what to count. One object per engine,
 * cleared at each call, so the hot path allocates no result; read it before the next call.
 */
public final class Effects {
  /** What becomes of the customer's stored state. */
  public enum StateChange { KEEP, STORE, DELETE }

  public final List<ProfileUpdate> updates = new ArrayList<>();
  public final List<SegmentChange> segmentChanges = new ArrayList<>();
  public final List<ChurnAlert> churnAlerts = new ArrayList<>();
  public final List<DateTrigger> dateTriggers = new ArrayList<>();
  /** State and events on their way to another key (the customer-handoffs topic). */
  public final List<CustomerEvent> handoffs = new ArrayList<>();
  public final List<DeadLetter> deadLetters = new ArrayList<>();
  /** Answers to privacy requests (the privacy-receipts topic). */
  public final List<PrivacyReceipt> receipts = new ArrayList<>();
  /** Customers whose entries the Redis churn-alert stream must lose (erased), in order with the alerts. */
  public final List<String> alertStreamPurges = new ArrayList<>();
  private StateChange stateChange = StateChange.KEEP;
  private CustomerState state;
  private long timerDeleted = CustomerState.NONE;
  private long timerRegistered = CustomerState.NONE;
  private long clvSampleDay = CustomerState.NONE;
  private double clvSample;
  private final long[] counts = new long[EngineMetric.ALL.length];

  void clear() {
    updates.clear();
    segmentChanges.clear();
    churnAlerts.clear();
    dateTriggers.clear();
    handoffs.clear();
    deadLetters.clear();
    receipts.clear();
    alertStreamPurges.clear();
    stateChange = StateChange.KEEP;
    state = null;
    timerDeleted = CustomerState.NONE;
    timerRegistered = CustomerState.NONE;
    clvSampleDay = CustomerState.NONE;
    java.util.Arrays.fill(counts, 0);
  }

  void store(CustomerState customer) {
    stateChange = StateChange.STORE;
    state = customer;
  }

  void delete() {
    stateChange = StateChange.DELETE;
    state = null;
  }

  /** The customer's one timer moves from {@code from} (NONE: there was none) to {@code to}. */
  void moveTimer(long from, long to) {
    if (from != CustomerState.NONE && from != timerRegistered) {
      timerDeleted = from;
    }
    timerRegistered = to;
  }

  void sampleClv(long day, double clvMinor) {
    clvSampleDay = day;
    clvSample = clvMinor;
  }

  void count(EngineMetric metric) {
    counts[metric.ordinal()]++;
  }

  void count(EngineMetric metric, long n) {
    counts[metric.ordinal()] += n;
  }

  void segmentChanges(List<SegmentChange> changes) {
    segmentChanges.addAll(changes);
    count(EngineMetric.SEGMENT_CHANGES, changes.size());
  }

  /**
   * Takes the segment changes, churn alerts and date triggers of this call back (history mode): they
   * are counted as held back instead of sent.
   */
  void holdBack() {
    move(EngineMetric.SEGMENT_CHANGES, EngineMetric.HISTORY_SEGMENT_CHANGES, segmentChanges.size());
    move(EngineMetric.CHURN_ALERTS, EngineMetric.HISTORY_CHURN_ALERTS, churnAlerts.size());
    move(EngineMetric.DATE_TRIGGERS, EngineMetric.HISTORY_DATE_TRIGGERS, dateTriggers.size());
    segmentChanges.clear();
    churnAlerts.clear();
    dateTriggers.clear();
  }

  /** Drops this call's segment changes (to be replaced by an announcement of the memberships). */
  void dropSegmentChanges() {
    counts[EngineMetric.SEGMENT_CHANGES.ordinal()] -= segmentChanges.size();
    segmentChanges.clear();
  }

  private void move(EngineMetric from, EngineMetric to, int n) {
    counts[from.ordinal()] -= n;
    counts[to.ordinal()] += n;
  }

  public StateChange stateChange() {
    return stateChange;
  }

  /** The state to store, when {@link #stateChange()} is STORE. */
  public CustomerState state() {
    return state;
  }

  /** The event-time timer to delete, or NONE. */
  public long timerDeleted() {
    return timerDeleted;
  }

  /** The event-time timer to register, or NONE. */
  public long timerRegistered() {
    return timerRegistered;
  }

  /** The day (epoch days) of a CLV sample for the population sketch, or NONE. */
  public long clvSampleDay() {
    return clvSampleDay;
  }

  public double clvSample() {
    return clvSample;
  }

  /** How often {@code metric} happened in this call. */
  public long counted(EngineMetric metric) {
    return counts[metric.ordinal()];
  }
}
