package dev.customerpulse.profile;

import dev.customerpulse.ingest.CustomerEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/** The profile operator in Flink's keyed test harness on the real RocksDB backend, and what tests read from it. */
final class ProfileHarness {
  private ProfileHarness() {}

  /** Set up but not opened, so a test can restore state into it first. */
  static KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, ProfileUpdate> create(ProfileLogic logic)
      throws Exception {
    var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new CustomerProfileFunction(logic)),
        (CustomerEvent e) -> e.customerKey, Types.STRING);
    harness.setStateBackend(new EmbeddedRocksDBStateBackend());
    harness.setup();
    return harness;
  }

  static KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, ProfileUpdate> open(ProfileLogic logic) throws Exception {
    var harness = create(logic);
    harness.open();
    return harness;
  }

  /** Keys that have the named state in RocksDB (the harness's own counter only works on the heap backend). */
  static List<String> keysWith(KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, ProfileUpdate> harness,
      String state) throws Exception {
    var operator = (AbstractStreamOperator<?>) harness.getOperator();
    try (var keys = operator.<String>getKeyedStateBackend().getKeys(state, VoidNamespace.INSTANCE)) {
      return keys.sorted().toList();
    }
  }

  /** Everything emitted to a side output so far. */
  static <T> List<T> sideOutput(KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, ProfileUpdate> harness,
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

    List<T> take(KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, ProfileUpdate> harness) {
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
