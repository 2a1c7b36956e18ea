package dev.customerpulse.profile;

import dev.customerpulse.ingest.CustomerEvent;
import java.util.List;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Flink's keyed-broadcast operator around {@link CustomerProfileFunction}, plus what a function
 * cannot do itself for its cache of customer states: write another key's state (an evicted customer),
 * and write every changed state back before a checkpoint, before a control record walks all keys in
 * RocksDB, and at the end of input. Not final: tests count its timer firings.
 */
public class CustomerProfileOperator extends CoBroadcastWithKeyedOperator<String, CustomerEvent, ProfileControl, ProfileUpdate> {
  private static final long serialVersionUID = 1L;
  private final CustomerProfileFunction function;
  private final int cacheCustomers;

  /** @param cacheCustomers customer states kept on the heap (0: none, RocksDB on every event) */
  public CustomerProfileOperator(CustomerProfileFunction function, int cacheCustomers) {
    super(function, List.of(CustomerProfileFunction.RULES, CustomerProfileFunction.CLV_CUTS));
    this.function = function;
    this.cacheCustomers = cacheCustomers;
  }

  @Override
  public void open() throws Exception {
    super.open();
    if (cacheCustomers > 0) {
      function.cacheStates(cacheCustomers, this);
    }
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    function.writeBack();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  /** Also here: the keyed state is snapshotted right after this, and test harnesses skip the barrier step. */
  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    function.writeBack();
    super.snapshotState(context);
  }

  @Override
  public void processElement2(StreamRecord<ProfileControl> element) throws Exception {
    // A rule or new percentiles go through every customer in RocksDB, which must be current then,
    // and leave the cached states behind.
    function.writeBack();
    function.dropCache();
    super.processElement2(element);
  }

  @Override
  public void finish() throws Exception {
    function.writeBack();
    super.finish();
  }
}
