package dev.customerpulse.ingest;

import dev.customerpulse.avro.DeadLetter;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Passes events on and sends dead letters to a side output, counting them per reason. */
public final class RouteDeadLetters extends ProcessFunction<IngestRecord, CustomerEvent> {
  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters", new AvroTypeInfo<>(DeadLetter.class));

  private transient MetricGroup metrics;
  private transient Map<String, Counter> byReason;

  @Override
  public void open(OpenContext context) {
    metrics = getRuntimeContext().getMetricGroup().addGroup("pulse");
    byReason = new HashMap<>();
  }

  @Override
  public void processElement(IngestRecord record, Context ctx, Collector<CustomerEvent> out) {
    if (record.event != null) {
      out.collect(record.event);
      return;
    }
    DeadLetter letter = record.deadLetter;
    ctx.output(DEAD_LETTERS, letter);
    byReason.computeIfAbsent(letter.getReason(), reason -> metrics.addGroup("reason", reason).counter("deadLetters")).inc();
  }
}
