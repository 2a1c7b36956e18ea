package dev.customerpulse.job;

import dev.customerpulse.ingest.DeadLetterSettings;
import dev.customerpulse.ingest.DeadLetters;
import dev.customerpulse.ingest.IngestRecord;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.ProcessingErrorBudget;
import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.connectors.kafka.DeadLetterReason;
import dev.customerpulse.connectors.kafka.DecodeException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
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
 * reason) and events later than the allowed lateness behind this input's watermark to another. An
 * unexpected exception here is a PROCESSING_ERROR dead letter; when they, or the source's, come faster
 * than pulse.dead-letters.max-processing-errors a minute, the job fails.
 */
public final class RouteDeadLetters extends ProcessFunction<IngestRecord, CustomerEvent> {
  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters", new AvroTypeInfo<>(DeadLetter.class));
  public static final OutputTag<DeadLetter> LATE_EVENTS = new OutputTag<>("late-events", new AvroTypeInfo<>(DeadLetter.class));

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RouteDeadLetters.class);
  private final long allowedLatenessMillis;
  private final String input;
  private final DeadLetterSettings deadLetters;
  private transient MetricGroup metrics;
  private transient Map<String, Counter> byReason;
  private transient Counter tooLate;
  private transient ProcessingErrorBudget budget;

  /** @param input the input's short name, as in the operator's name ({@code route dead letters: clicks}) */
  public RouteDeadLetters(Duration allowedLateness, String input, DeadLetterSettings deadLetters) {
    this.allowedLatenessMillis = allowedLateness.toMillis();
    this.input = input;
    this.deadLetters = deadLetters;
  }

  /** The operator's name in the job graph and in its dead letters. */
  public static String operatorName(String input) {
    return "route dead letters: " + input;
  }

  @Override
  public void open(OpenContext context) {
    metrics = getRuntimeContext().getMetricGroup().addGroup("pulse");
    byReason = new HashMap<>();
    tooLate = metrics.counter("tooLateEvents");
    var task = getRuntimeContext().getTaskInfo();
    budget = new ProcessingErrorBudget(deadLetters.maxProcessingErrors(), operatorName(input) + " (subtask "
        + task.getIndexOfThisSubtask() + " of " + task.getNumberOfParallelSubtasks() + ")");
  }

  @Override
  public void processElement(IngestRecord record, Context ctx, Collector<CustomerEvent> out) {
    if (record.event == null) {
      deadLetter(record.deadLetter, ctx);
      return;
    }
    DeadLetter late;
    try {
      late = lateLetter(record, ctx.timerService().currentWatermark());
    } catch (RuntimeException e) {
      LOG.warn("PROCESSING_ERROR: event {} of {} is a dead letter", record.event.eventId, input, e);
      deadLetter(processingError(record, e), ctx);
      return;
    }
    if (late != null) {
      ctx.output(LATE_EVENTS, late);
      tooLate.inc();
      return;
    }
    out.collect(record.event);
  }

  /** The late-events letter of an event later than the allowed lateness, or null when it is in time. */
  private DeadLetter lateLetter(IngestRecord record, long watermark) {
    // Identity events are facts about who someone is, not activity in a time bucket: never too late.
    if (watermark == Long.MIN_VALUE || record.event.eventTime >= watermark - allowedLatenessMillis || record.origin == null
        || record.event.kind.isIdentity()) {
      return null;
    }
    return DeadLetters.of(record.origin, new DecodeException(DeadLetterReason.LATE_EVENT,
        "event_time " + Instant.ofEpochMilli(record.event.eventTime) + " is more than " + Duration.ofMillis(allowedLatenessMillis)
            + " behind the watermark " + Instant.ofEpochMilli(watermark), null), operatorName(input), deadLetters.limits());
  }

  /** An event this operator failed on: its original record when the source passed it along, else its id. */
  private DeadLetter processingError(IngestRecord record, RuntimeException e) {
    DecodeException failure = new DecodeException(DeadLetterReason.PROCESSING_ERROR, "unexpected " + e.getClass().getSimpleName()
        + " while routing event " + record.event.eventId + ": a fault in the job, not a known input problem", e);
    if (record.origin != null) {
      return DeadLetters.of(record.origin, failure, operatorName(input), deadLetters.limits());
    }
    return DeadLetter.newBuilder().setReason(failure.reason().name()).setDetail(failure.getMessage())
        .setException(dev.customerpulse.ingest.DeadLetterBounds.text(e.getClass().getName() + ": " + e.getMessage()))
        .setSourceTopic(input).setSourcePartition(-1).setSourceOffset(-1)
        .setSourceTimestamp(Instant.ofEpochMilli(Math.max(0, record.event.sourceTimestamp))).setOperator(operatorName(input))
        .setHeaders(List.of()).build();
  }

  private void deadLetter(DeadLetter letter, Context ctx) {
    ctx.output(DEAD_LETTERS, letter);
    byReason.computeIfAbsent(letter.getReason(), reason -> metrics.addGroup("reason", reason).counter("deadLetters")).inc();
    if (DeadLetterReason.PROCESSING_ERROR.name().equals(letter.getReason())) {
      budget.count(ctx.timerService().currentProcessingTime(), letter.getException());
    }
  }
}
