package dev.customerpulse.identity;

import dev.customerpulse.ingest.CustomerEvent;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time of the handoff loop. Handoffs carry the event times of the events that caused them,
 * which the real inputs' watermarks have already passed, so this source must never hold event time
 * back, and must never push it forward either: it declares itself idle at every periodic emit and
 * emits no watermark, so the operator's watermark stays the minimum of the real inputs'. (A
 * watermark at the end of time would do the first, but when every real input is idle it would
 * become the operator's watermark: end of input, and every merged or linked key's alias would
 * expire at once. Idleness with a timeout would hold event time back after each handoff.)
 */
public final class HandoffWatermarks {
  private HandoffWatermarks() {}

  public static WatermarkStrategy<CustomerEvent> strategy() {
    return WatermarkStrategy.<CustomerEvent>forGenerator(context -> new AlwaysIdle<>())
        .withTimestampAssigner((event, previous) -> event.eventTime);
  }

  /** For a control input (segment rules) that has no event time of its own and must not affect the job's. */
  public static <T> WatermarkStrategy<T> alwaysIdle() {
    return WatermarkStrategy.forGenerator(context -> new AlwaysIdle<>());
  }

  static final class AlwaysIdle<T> implements WatermarkGenerator<T> {
    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      output.markIdle();
    }
  }
}
