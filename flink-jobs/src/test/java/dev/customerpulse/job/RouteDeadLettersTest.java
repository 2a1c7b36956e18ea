package dev.customerpulse.job;

import dev.customerpulse.ingest.IngestRecord;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.ingest.CustomerEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/**
 * Events within the allowed lateness pass on; later ones go to the late-events output with their original
 * record, within the dead-letter limits; an unexpected exception is a PROCESSING_ERROR, and too many fail the task.
 */
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

  @Test
  void aLateEventOverTheValueLimitKeepsItsFirstBytesItsSizeAndItsHash() throws Exception {
    byte[] big = new byte[100_000];
    java.util.Arrays.fill(big, (byte) 7);
    CustomerEvent event = new CustomerEvent("ann", "big", EventKind.PAGE_VIEW, 0, 0, 0, null);
    harness.processWatermark(10 * HOUR);
    harness.processElement(new StreamRecord<>(IngestRecord.of(event, new ConsumerRecord<>("clicks", 0, 3, null, big)), 0));
    DeadLetter letter = harness.getSideOutput(RouteDeadLetters.LATE_EVENTS).peek().getValue();
    assertThat(letter.getReason()).isEqualTo("LATE_EVENT");
    assertThat(letter.getValue().remaining()).isEqualTo(65_536);
    assertThat(letter.getOriginalValueSize()).isEqualTo(100_000);
    assertThat(letter.getOriginalValueSha256()).isEqualTo(java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(big)));
    assertThat(letter.getTruncated()).isTrue();
    assertThat(letter.getOperator()).isEqualTo("route dead letters: clicks");
  }

  @Test
  void anEventThisOperatorThrowsOnIsAProcessingErrorWithItsOriginalRecord() throws Exception {
    // An event without a kind (no source makes one): checking whether it is an identity event throws.
    CustomerEvent kindless = new CustomerEvent("ann", "k1", null, 0, 0, 0, null);
    harness.processWatermark(10 * HOUR);
    harness.processElement(new StreamRecord<>(IngestRecord.of(kindless, new ConsumerRecord<>("clicks", 1, 9,
        "ann".getBytes(StandardCharsets.UTF_8), "value".getBytes(StandardCharsets.UTF_8))), 0));
    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(harness.getSideOutput(RouteDeadLetters.LATE_EVENTS)).isNull();
    DeadLetter letter = harness.getSideOutput(RouteDeadLetters.DEAD_LETTERS).peek().getValue();
    assertThat(letter.getReason()).isEqualTo("PROCESSING_ERROR");
    assertThat(letter.getDetail()).isEqualTo("unexpected NullPointerException while routing event k1: a fault in the job, not a"
        + " known input problem");
    assertThat(letter.getException()).startsWith("java.lang.NullPointerException: ");
    assertThat(letter.getOperator()).isEqualTo("route dead letters: clicks");
    assertThat(letter.getSourceTopic()).isEqualTo("clicks");
    assertThat(letter.getSourcePartition()).isEqualTo(1);
    assertThat(letter.getSourceOffset()).isEqualTo(9);
    assertThat(StandardCharsets.UTF_8.decode(letter.getValue()).toString()).isEqualTo("value");
  }

  @Test
  void processingErrorsFromTheSourceBeyondTheBudgetFailTheTask() throws Exception {
    harness.close();
    harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new RouteDeadLetters(Duration.ofHours(1), "orders",
        new dev.customerpulse.ingest.DeadLetterSettings(dev.customerpulse.ingest.DeadLetterLimits.DEFAULTS, 1))));
    harness.open();
    DeadLetter invalid = DeadLetter.newBuilder().setReason("INVALID_AMOUNT").setDetail("d").setSourceTopic("orders")
        .setSourcePartition(0).setSourceOffset(1).setSourceTimestamp(java.time.Instant.EPOCH).build();
    DeadLetter fault = DeadLetter.newBuilder(invalid).setReason("PROCESSING_ERROR").setException("java.lang.IllegalStateException: x")
        .build();
    harness.processElement(new StreamRecord<>(IngestRecord.of(invalid), 0));
    harness.processElement(new StreamRecord<>(IngestRecord.of(invalid), 0));
    harness.processElement(new StreamRecord<>(IngestRecord.of(fault), 0));
    assertThat(harness.getSideOutput(RouteDeadLetters.DEAD_LETTERS)).hasSize(3);
    assertThatThrownBy(() -> harness.processElement(new StreamRecord<>(IngestRecord.of(fault), 0)))
        .isInstanceOf(dev.customerpulse.ingest.ProcessingErrorBudget.TooManyProcessingErrors.class)
        .hasMessageStartingWith("route dead letters: orders (subtask 0 of 1): 2 PROCESSING_ERROR dead letters within a minute");
  }
}
