package dev.customerpulse.job;

import dev.customerpulse.ingest.IngestRecord;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.ingest.CustomerEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events within the allowed lateness pass on; later ones go to the late-events output with their original record. */
class RouteDeadLettersTest {
  private static final long HOUR = 3_600_000L;
  private OneInputStreamOperatorTestHarness<IngestRecord, CustomerEvent> harness;

  @BeforeEach
  void open() throws Exception {
    harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new RouteDeadLetters(Duration.ofHours(1), "clicks", dev.customerpulse.ingest.DeadLetterSettings.DEFAULTS)));
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void send(String id, long eventTime) throws Exception {
    CustomerEvent event = new CustomerEvent("ann", id, EventKind.PAGE_VIEW, eventTime, 0, 0, null);
    ConsumerRecord<byte[], byte[]> origin = new ConsumerRecord<>("clicks", 1, 42, "ann".getBytes(StandardCharsets.UTF_8),
        ("bytes of " + id).getBytes(StandardCharsets.UTF_8));
    harness.processElement(new StreamRecord<>(IngestRecord.of(event, origin), eventTime));
  }

  @Test
  void beforeAnyWatermarkEverythingPasses() throws Exception {
    send("e1", 0);
    assertThat(harness.extractOutputValues()).extracting(e -> e.eventId).containsExactly("e1");
    assertThat(harness.getSideOutput(RouteDeadLetters.LATE_EVENTS)).isNull();
  }

  @Test
  void anEventUpToTheAllowedLatenessBehindTheWatermarkPassesAndAnOlderOneIsRoutedWithItsOrigin() throws Exception {
    harness.processWatermark(10 * HOUR);
    send("on-time", 9 * HOUR);
    send("late", 9 * HOUR - 1);
    assertThat(harness.extractOutputValues()).extracting(e -> e.eventId).containsExactly("on-time");
    List<DeadLetter> late = harness.getSideOutput(RouteDeadLetters.LATE_EVENTS).stream().map(StreamRecord::getValue).toList();
    assertThat(late).hasSize(1);
    DeadLetter letter = late.get(0);
    assertThat(letter.getReason()).isEqualTo("LATE_EVENT");
    assertThat(letter.getDetail()).isEqualTo("event_time 1970-01-01T08:59:59.999Z is more than PT1H behind the watermark 1970-01-01T10:00:00Z");
    assertThat(letter.getSourceTopic()).isEqualTo("clicks");
    assertThat(letter.getSourcePartition()).isEqualTo(1);
    assertThat(letter.getSourceOffset()).isEqualTo(42);
    assertThat(StandardCharsets.UTF_8.decode(letter.getValue()).toString()).isEqualTo("bytes of late");
    assertThat(harness.getSideOutput(RouteDeadLetters.DEAD_LETTERS)).isNull();
  }
}
