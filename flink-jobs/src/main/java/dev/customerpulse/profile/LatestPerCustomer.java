package dev.customerpulse.profile;

import dev.customerpulse.engine.ProfileUpdate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Passes on each customer's latest profile a fixed delay after their first change not yet passed on:
 * a customer with many events in that delay costs one profile snapshot on Kafka, and snapshots leave
 * steadily instead of in one burst per checkpoint. Whatever is still waiting is passed on before
 * every checkpoint barrier (and at the end of input), so the operator needs no state and the
 * exactly-once sink after it commits exactly what was passed on. Refills (Redis came back empty) are
 * for Redis only and pass no further.
 */
public final class LatestPerCustomer extends AbstractStreamOperator<ProfileUpdate>
    implements OneInputStreamOperator<ProfileUpdate, ProfileUpdate> {
  /** How often waiting snapshots are looked at, at most. */
  private static final long TICK_MILLIS = 100;

  /** A customer's latest profile and when their first change not yet passed on arrived. */
  private static final class Waiting {
    ProfileUpdate update;
    final long since;

    Waiting(ProfileUpdate update, long since) {
      this.update = update;
      this.since = since;
    }
  }

  private final int maxBuffered;
  private final long delayMillis;
  /** In the order customers started waiting: the head is always the one due first. */
  private transient LinkedHashMap<String, Waiting> waiting;
  private transient boolean tickArmed;

  /**
   * @param maxBuffered customers waiting at most; more pass everything on early, which bounds memory
   * @param delayMillis how long after a customer's first change their latest profile is passed on; 0
   *     passes every update on at once
   */
  public LatestPerCustomer(int maxBuffered, long delayMillis) {
    if (delayMillis < 0) {
      throw new IllegalArgumentException("the snapshot delay must not be negative, got " + delayMillis);
    }
    this.maxBuffered = maxBuffered;
    this.delayMillis = delayMillis;
  }

  @Override
  public void open() throws Exception {
    super.open();
    waiting = new LinkedHashMap<>();
  }

  @Override
  public void processElement(StreamRecord<ProfileUpdate> element) {
    ProfileUpdate update = element.getValue();
    if (update.refill) {
      // The profile as already published, re-sent to Redis alone (a refill): nothing new for Kafka.
      return;
    }
    if (delayMillis == 0) {
      output.collect(new StreamRecord<>(update));
      return;
    }
    Waiting known = waiting.get(update.customerId);
    if (known != null) {
      known.update = update;
      return;
    }
    long now = getProcessingTimeService().getCurrentProcessingTime();
    waiting.put(update.customerId, new Waiting(update, now));
    if (waiting.size() >= maxBuffered) {
      emitAll();
    } else if (!tickArmed) {
      tickArmed = true;
      getProcessingTimeService().registerTimer(now + Math.min(delayMillis, TICK_MILLIS), this::emitDue);
    }
  }

  /** Passes on the snapshots whose delay is over, and looks again later while any wait. */
  private void emitDue(long now) {
    tickArmed = false;
    Iterator<Map.Entry<String, Waiting>> oldest = waiting.entrySet().iterator();
    while (oldest.hasNext()) {
      Waiting next = oldest.next().getValue();
      if (next.since > now - delayMillis) {
        break;
      }
      output.collect(new StreamRecord<>(next.update));
      oldest.remove();
    }
    if (!waiting.isEmpty()) {
      tickArmed = true;
      getProcessingTimeService().registerTimer(now + Math.min(delayMillis, TICK_MILLIS), this::emitDue);
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
    for (Waiting next : waiting.values()) {
      output.collect(new StreamRecord<>(next.update));
    }
    waiting.clear();
  }
}
