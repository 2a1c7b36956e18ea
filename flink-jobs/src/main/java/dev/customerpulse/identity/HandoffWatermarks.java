package dev.customerpulse.identity;

import dev.customerpulse.ingest.CustomerEvent;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time of the handoff loop. Handoffs carry the event times of the events that caused them,
 * which the real inputs' watermarks have already passed, so this source must never hold event time
 * back: it declares its watermark at the end of time, and the operator's watermark stays the
 * minimum of the real inputs'. (Idleness would not do: an idle source that wakes up with a record
 * pulls the watermark back until it idles again.)
 */
public final class HandoffWatermarks {
  private HandoffWatermarks() {}

  public static WatermarkStrategy<CustomerEvent> strategy() {
    return WatermarkStrategy.<CustomerEvent>forGenerator(context -> new NeverBehind())
        .withTimestampAssigner((event, previous) -> event.eventTime);
  }

  static final class NeverBehind implements WatermarkGenerator<CustomerEvent> {
    @Override
    public void onEvent(CustomerEvent event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      output.emitWatermark(new Watermark(Long.MAX_VALUE));
    }
  }
}
