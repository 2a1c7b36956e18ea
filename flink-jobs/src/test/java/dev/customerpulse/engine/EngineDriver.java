package dev.customerpulse.engine;

import dev.customerpulse.avro.ChurnAlert;
import dev.customerpulse.avro.DateTrigger;
import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.avro.SegmentRuleStatus;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.rules.RuleCommand;
import dev.customerpulse.segments.ClvCuts;
import dev.customerpulse.state.CustomerState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The engine as the profile operator runs it, in plain Java: states by key, one event-time timer per
 * key fired as the watermark passes it (timers set at or behind the watermark fire in the same
 * advance, as in Flink), the moved-out event ids, and every output collected in order. Domain tests
 * run on it in milliseconds, without a Flink harness.
 */
public final class EngineDriver {
  private final CustomerEngine engine;
  private final Map<String, CustomerState> states = new TreeMap<>();
  private final TreeSet<Timer> timers = new TreeSet<>();
  private final Map<String, Set<Long>> movedOut = new HashMap<>();
  private final Map<EngineMetric, Long> counts = new EnumMap<>(EngineMetric.class);
  private String currentKey;
  private long watermark = Long.MIN_VALUE;
  private long processingTime;
  private int subtask;
  private int parallelism = 1;

  public final List<ProfileUpdate> updates = new ArrayList<>();
  public final List<SegmentChange> segmentChanges = new ArrayList<>();
  public final List<ChurnAlert> churnAlerts = new ArrayList<>();
  public final List<DateTrigger> dateTriggers = new ArrayList<>();
  public final List<CustomerEvent> handoffs = new ArrayList<>();
  public final List<DeadLetter> deadLetters = new ArrayList<>();
  public final List<ClvSample> clvSamples = new ArrayList<>();
  public final List<SegmentRuleStatus> ruleStatuses = new ArrayList<>();
  public final List<dev.customerpulse.avro.PrivacyReceipt> receipts = new ArrayList<>();
  /** Customers whose Redis alert-stream entries were purged, in order. */
  public final List<String> alertStreamPurges = new ArrayList<>();

  /** A CLV sample for the population sketch: the epoch day and the CLV in minor units. */
  public record ClvSample(long day, double clvMinor) {}

  private record Timer(long time, String key) implements Comparable<Timer> {
    @Override
    public int compareTo(Timer o) {
      return time != o.time ? Long.compare(time, o.time) : key.compareTo(o.key);
    }
  }

  public EngineDriver(ProfileLogic logic) {
    engine = new CustomerEngine(logic, new EventIdMemory() {
      @Override
      public boolean contains(long id) {
        return movedOut.getOrDefault(currentKey, Set.of()).contains(id);
      }

      @Override
      public void put(long id) {
        movedOut.computeIfAbsent(currentKey, k -> new LinkedHashSet<>()).add(id);
      }

      @Override
      public Iterable<Long> ids() {
        return new ArrayList<>(movedOut.getOrDefault(currentKey, Set.of()));
      }

      @Override
      public void clear() {
        movedOut.remove(currentKey);
      }
    });
    // States stay here and change with the next event, as in the operator's write-back cache.
    engine.copyOnPublish(true);
  }

  /** This driver as instance {@code subtask} of {@code parallelism} (for rule status records). */
  public EngineDriver asInstance(int subtask, int parallelism) {
    this.subtask = subtask;
    this.parallelism = parallelism;
    return this;
  }

  public void setProcessingTime(long time) {
    processingTime = time;
  }

  /** As the harness takes it: {@code timestamp} is the record's, which the operator does not read either. */
  public void processElement(CustomerEvent event, long timestamp) throws Exception {
    processElement(event);
  }

  public void processElement(CustomerEvent event) throws Exception {
    currentKey = event.customerKey;
    apply(engine.onEvent(currentKey, states.get(currentKey), event, watermark, processingTime));
  }

  /** Sends every handoff emitted so far back in, as the customer-handoffs topic does; how many it sent. */
  public int deliverHandoffs() throws Exception {
    List<CustomerEvent> sent = new ArrayList<>(handoffs);
    handoffs.clear();
    for (CustomerEvent handoff : sent) {
      processElement(handoff);
    }
    return sent.size();
  }

  /** Event time moves to {@code time}: every timer at or before it fires, in time order. */
  public void processWatermark(long time) throws Exception {
    watermark = Math.max(watermark, time);
    while (!timers.isEmpty() && timers.first().time() <= watermark) {
      Timer due = timers.pollFirst();
      currentKey = due.key();
      apply(engine.onTimer(currentKey, states.get(currentKey), due.time(), watermark));
    }
    engine.erasures().expire(watermark);
  }

  public void processRule(RuleCommand command) throws Exception {
    RuleRun run = engine.control().onRule(command);
    if (run == null) {
      return;
    }
    if (run.visitsCustomers()) {
      for (var entry : states.entrySet()) {
        currentKey = entry.getKey();
        collect(engine.control().applyRule(run, currentKey, entry.getValue()));
      }
    }
    SegmentRuleStatus status = engine.control().status(run, subtask, parallelism, Instant.ofEpochMilli(processingTime));
    if (status != null) {
      ruleStatuses.add(status);
    }
  }

  public void processPercentiles(ClvCuts cuts) throws Exception {
    if (engine.control().onPercentiles(cuts)) {
      for (var entry : states.entrySet()) {
        currentKey = entry.getKey();
        collect(engine.control().placeAgain(currentKey, entry.getValue()));
      }
    }
  }

  /** The state kept for {@code key}, or null. */
  public CustomerState stateOf(String key) {
    return states.get(key);
  }

  /** Keys with state, sorted. */
  public List<String> keys() {
    return List.copyOf(states.keySet());
  }

  /** The event-time timers set, as (time) per key. */
  public Map<String, Long> timers() {
    Map<String, Long> byKey = new TreeMap<>();
    for (Timer timer : timers) {
      byKey.merge(timer.key(), timer.time(), Math::min);
    }
    return byKey;
  }

  public int timerCount() {
    return timers.size();
  }

  /** Event ids moved out of {@code key}'s state and remembered aside. */
  public Set<Long> movedOutIds(String key) {
    return movedOut.getOrDefault(key, Set.of());
  }

  /** Keys that keep moved-out event ids. */
  public Set<String> movedOutKeys() {
    return Set.copyOf(movedOut.keySet());
  }

  /** The erasure markers: keyed hash of each erased id to its erasure time. */
  public Map<Long, Long> erasureMarkers() {
    return engine.erasures().entries();
  }

  public long count(EngineMetric metric) {
    return counts.getOrDefault(metric, 0L);
  }

  private void apply(Effects effects) {
    if (effects.timerDeleted() != CustomerState.NONE) {
      timers.remove(new Timer(effects.timerDeleted(), currentKey));
    }
    if (effects.timerRegistered() != CustomerState.NONE) {
      timers.add(new Timer(effects.timerRegistered(), currentKey));
    }
    if (effects.stateChange() == Effects.StateChange.DELETE) {
      states.remove(currentKey);
    }
    collect(effects);
  }

  /** Stores the state and keeps the outputs (for a customer visited by a control record too). */
  private void collect(Effects effects) {
    if (effects.stateChange() == Effects.StateChange.STORE) {
      states.put(currentKey, effects.state());
    }
    updates.addAll(effects.updates);
    segmentChanges.addAll(effects.segmentChanges);
    churnAlerts.addAll(effects.churnAlerts);
    dateTriggers.addAll(effects.dateTriggers);
    handoffs.addAll(effects.handoffs);
    deadLetters.addAll(effects.deadLetters);
    receipts.addAll(effects.receipts);
    alertStreamPurges.addAll(effects.alertStreamPurges);
    if (effects.clvSampleDay() != CustomerState.NONE) {
      clvSamples.add(new ClvSample(effects.clvSampleDay(), effects.clvSample()));
    }
    for (EngineMetric metric : EngineMetric.values()) {
      if (effects.counted(metric) != 0) {
        counts.merge(metric, effects.counted(metric), Long::sum);
      }
    }
  }
}
