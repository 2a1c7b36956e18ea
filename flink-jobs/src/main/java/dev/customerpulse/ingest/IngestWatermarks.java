package dev.customerpulse.ingest;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** Event time of the inputs: the event's own time, bounded out-of-orderness, idle partitions ignored. */
public final class IngestWatermarks {
  private IngestWatermarks() {}

  public static WatermarkStrategy<IngestRecord> strategy(Duration maxOutOfOrderness, Duration idleness) {
    return WatermarkStrategy.<IngestRecord>forBoundedOutOfOrderness(maxOutOfOrderness)
        // Dead letters have no trustworthy event time; the smallest timestamp never moves the watermark.
        .withTimestampAssigner((record, kafkaTimestamp) -> record.event != null ? record.event.eventTime : Long.MIN_VALUE)
        .withIdleness(idleness);
  }
}
