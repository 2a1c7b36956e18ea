package dev.customerpulse.profile;

import dev.customerpulse.engine.ProfileUpdate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Passes on only each customer's latest profile, once per checkpoint: profile snapshots on Kafka
 * then cost one record per active customer per checkpoint interval instead of one per event. The
 * buffer is emitted before every checkpoint barrier (and at the end of input), so it needs no state
 * and the exactly-once sink after it commits exactly what was emitted. Refills (Redis came back
 * empty) are for Redis only and pass no further.
 */
public final class LatestPerCustomer extends AbstractStreamOperator<ProfileUpdate>
    implements OneInputStreamOperator<ProfileUpdate, ProfileUpdate> {
  private final int maxBuffered;
  private transient Map<String, ProfileUpdate> latest;

  /** @param maxBuffered customers buffered before an early flush, which bounds memory */
  public LatestPerCustomer(int maxBuffered) {
    this.maxBuffered = maxBuffered;
  }

  @Override
  public void open() throws Exception {
    super.open();
    latest = new LinkedHashMap<>();
  }

  @Override
  public void processElement(StreamRecord<ProfileUpdate> element) {
    ProfileUpdate update = element.getValue();
    if (update.refill) {
      // The profile as already published, re-sent to Redis alone (a refill): nothing new for Kafka.
      return;
    }
    latest.put(update.customerId, update);
    if (latest.size() >= maxBuffered) {
      emitAll();
    }
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    emitAll();
  }

  @Override
  public void finish() throws Exception {
    emitAll();
    super.finish();
  }

  private void emitAll() {
    for (ProfileUpdate update : latest.values()) {
      output.collect(new StreamRecord<>(update));
    }
    latest.clear();
  }
}
