package dev.customerpulse.job;

import dev.customerpulse.ingest.DeadLetters;
import dev.customerpulse.ingest.IngestRecord;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.connectors.kafka.DeadLetterReason;
import dev.customerpulse.connectors.kafka.DecodeException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Chained to each source: passes events on, sends dead letters to one side output (counted per
 * reason) and events later than the allowed lateness behind this input's watermark to another.
 */
public final class RouteDeadLetters extends ProcessFunction<IngestRecord, CustomerEvent> {
  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters", new AvroTypeInfo<>(DeadLetter.class));
  public static final OutputTag<DeadLetter> LATE_EVENTS = new OutputTag<>("late-events", new AvroTypeInfo<>(DeadLetter.class));

  private final long allowedLatenessMillis;
  private transient MetricGroup metrics;
  private transient Map<String, Counter> byReason;
  private transient Counter tooLate;

  public RouteDeadLetters(Duration allowedLateness) {
    this.allowedLatenessMillis = allowedLateness.toMillis();
  }

  @Override
  public void open(OpenContext context) {
    metrics = getRuntimeContext().getMetricGroup().addGroup("pulse");
    byReason = new HashMap<>();
    tooLate = metrics.counter("tooLateEvents");
  }

  @Override
  public void processElement(IngestRecord record, Context ctx, Collector<CustomerEvent> out) {
    if (record.event != null) {
      long watermark = ctx.timerService().currentWatermark();
      // Identity events are facts about who someone is, not activity in a time bucket: never too late.
      if (watermark != Long.MIN_VALUE && record.event.eventTime < watermark - allowedLatenessMillis && record.origin != null
          && !record.event.kind.isIdentity()) {
        ctx.output(LATE_EVENTS, DeadLetters.of(record.origin, new DecodeException(DeadLetterReason.LATE_EVENT,
            "event_time " + Instant.ofEpochMilli(record.event.eventTime) + " is more than " + Duration.ofMillis(allowedLatenessMillis)
                + " behind the watermark " + Instant.ofEpochMilli(watermark), null)));
        tooLate.inc();
        return;
      }
      out.collect(record.event);
      return;
    }
    DeadLetter letter = record.deadLetter;
    ctx.output(DEAD_LETTERS, letter);
    byReason.computeIfAbsent(letter.getReason(), reason -> metrics.addGroup("reason", reason).counter("deadLetters")).inc();
  }
}
