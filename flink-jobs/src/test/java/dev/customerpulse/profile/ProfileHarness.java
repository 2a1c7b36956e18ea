package dev.customerpulse.profile;

import dev.customerpulse.engine.ProfileUpdate;
import dev.customerpulse.engine.ProfileLogic;
import dev.customerpulse.state.CustomerState;
import dev.customerpulse.ingest.CustomerEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import dev.customerpulse.rules.RuleCommand;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/** The profile operator in Flink's keyed test harness on the real RocksDB backend, and what tests read from it. */
final class ProfileHarness {
  private ProfileHarness() {}

  /**
   * The keyed-broadcast harness, where a watermark reaches both inputs: the rules input carries no
   * event time (it is idle in the job), so event time is the events' alone, as in the job.
   */
  static final class Operator extends KeyedBroadcastOperatorTestHarness<String, CustomerEvent, ProfileControl, ProfileUpdate> {
    Operator(ProfileLogic logic, int parallelism, int subtask, int cacheCustomers) throws Exception {
      this(new CustomerProfileOperator(new CustomerProfileFunction(logic), cacheCustomers), parallelism, subtask);
    }

    Operator(CustomerProfileOperator operator, int parallelism, int subtask) throws Exception {
      super(operator, (CustomerEvent e) -> e.customerKey, Types.STRING, 128, parallelism, subtask);
    }

    /** Writes the cached customer states back to RocksDB, as before a checkpoint, so tests can read them there. */
    void writeBack() throws Exception {
      getOperator().prepareSnapshotPreBarrier(0);
    }

    @Override
    public void processWatermark(long watermark) throws Exception {
      processWatermark(new Watermark(watermark));
    }

    @Override
    public void processWatermark(Watermark watermark) throws Exception {
      super.processBroadcastWatermark(watermark);
      super.processWatermark(watermark);
    }

    /** Publishes, changes or removes a segment rule, as the rules topic would. */
    void processRule(RuleCommand rule) throws Exception {
      processBroadcastElement(ProfileControl.of(rule), 0);
    }

    /** New CLV percentiles of the population, as the clv-quantiles topic would bring them. */
    void processPercentiles(dev.customerpulse.segments.ClvCuts cuts) throws Exception {
      processBroadcastElement(ProfileControl.of(cuts), 0);
    }
  }

  /** Set up but not opened, so a test can restore state into it first. */
  static Operator create(ProfileLogic logic) throws Exception {
    return create(logic, 1, 0);
  }

  /** Customer states cached on the heap in tests unless a test says otherwise: the job's default. */
  static final int CACHE = dev.customerpulse.job.PulseOptions.STATE_CACHE_CUSTOMERS.defaultValue();

  static Operator create(ProfileLogic logic, int parallelism, int subtask) throws Exception {
    return create(logic, parallelism, subtask, CACHE);
  }

  static Operator create(ProfileLogic logic, int parallelism, int subtask, int cacheCustomers) throws Exception {
    var harness = new Operator(logic, parallelism, subtask, cacheCustomers);
    harness.setStateBackend(new EmbeddedRocksDBStateBackend());
    harness.setup();
    return harness;
  }

  static Operator open(ProfileLogic logic) throws Exception {
    var harness = create(logic);
    harness.open();
    return harness;
  }

  /** Keys that have the named state in RocksDB (the harness's own counter only works on the heap backend). */
  static List<String> keysWith(Operator harness,
      String state) throws Exception {
    harness.writeBack();
    var operator = (AbstractStreamOperator<?>) harness.getOperator();
    try (var keys = operator.<String>getKeyedStateBackend().getKeys(state, VoidNamespace.INSTANCE)) {
      return keys.sorted().toList();
    }
  }

  /** The state the operator keeps for a key, as read from RocksDB (null when none). */
  static CustomerState stateOf(Operator harness, String key) throws Exception {
    harness.writeBack();
    var backend = ((AbstractStreamOperator<?>) harness.getOperator()).<String>getKeyedStateBackend();
    Object previous = backend.getCurrentKey();
    backend.setCurrentKey(key);
    try {
      return backend.getPartitionedState(VoidNamespace.INSTANCE, org.apache.flink.runtime.state.VoidNamespaceSerializer.INSTANCE,
          ProfileOutputs.CUSTOMER).value();
    } finally {
      if (previous != null) {
        backend.setCurrentKey((String) previous);
      }
    }
  }

  /** Everything emitted to a side output so far. */
  static <T> List<T> sideOutput(Operator harness,
      OutputTag<T> tag) {
    var queue = harness.getSideOutput(tag);
    List<T> all = new ArrayList<>();
    if (queue != null) {
      for (StreamRecord<T> record : queue) {
        all.add(record.getValue());
      }
    }
    return all;
  }

  /** Reads a side output in steps: each call returns what came since the last. */
  static final class Unread<T> {
    private final OutputTag<T> tag;
    private int read;

    Unread(OutputTag<T> tag) {
      this.tag = tag;
    }

    List<T> take(Operator harness) {
      List<T> all = sideOutput(harness, tag);
      List<T> fresh = new ArrayList<>(all.subList(read, all.size()));
      read = all.size();
      return fresh;
    }

    /** For a new harness (after a restore), whose side outputs start empty. */
    void restart() {
      read = 0;
    }
  }
}
