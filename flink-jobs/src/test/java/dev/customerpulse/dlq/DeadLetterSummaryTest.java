package dev.customerpulse.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterSummaryTest {
  private static DeadLetter letter(String reason, String topic, long offset) {
    return DeadLetter.newBuilder().setReason(reason).setDetail("detail " + offset).setSourceTopic(topic).setSourcePartition(0)
        .setSourceOffset(offset).setSourceTimestamp(Instant.EPOCH)
        .setKey(ByteBuffer.wrap(("k" + offset).getBytes(StandardCharsets.UTF_8))).setValue(null).setHeaders(List.of()).build();
  }

  @Test
  void groupsAreLargestFirstThenByNameWithTheFirstSamplesAndTheirTopics() {
    List<DeadLetterSummary.Group> groups = DeadLetterSummary.group(List.of(
        letter("EMPTY_RECORD", "clicks", 1), letter("INVALID_AMOUNT", "orders", 2), letter("INVALID_AMOUNT", "orders", 3),
        letter("INVALID_AMOUNT", "clicks", 4), letter("EMPTY_RECORD", "orders", 5), letter("UNKNOWN_SCHEMA_ID", "calls", 6),
        letter("EMPTY_RECORD", "clicks", 7)), 2);
    assertThat(groups).extracting(DeadLetterSummary.Group::reason).containsExactly("EMPTY_RECORD", "INVALID_AMOUNT", "UNKNOWN_SCHEMA_ID");
    assertThat(groups.get(0).count()).isEqualTo(3);
    assertThat(groups.get(0).bySourceTopic()).isEqualTo(Map.of("clicks", 2, "orders", 1));
    assertThat(groups.get(0).samples()).extracting(DeadLetter::getSourceOffset).containsExactly(1L, 5L);
    assertThat(DeadLetterSummary.lines(groups.subList(2, 3))).containsExactly(
        "UNKNOWN_SCHEMA_ID             1  (calls 1)",
        "    calls/0@6 key=k6: detail 6");
  }

  /** A NOT_CONFLUENT_FRAMED letter of a 1.5 MB record, cut to 64 KiB, with 2 headers dropped. */
  static DeadLetter truncated(long offset) {
    return DeadLetter.newBuilder(letter("NOT_CONFLUENT_FRAMED", "clicks", offset)).setDetail("first byte is 0x7a")
        .setValue(ByteBuffer.wrap(new byte[65_536])).setTruncated(true).setOriginalValueSize(1_572_864)
        .setOriginalValueSha256("5c2f8d0f8b1fd7a1e2d1e0c3f0c2b1a0d0e0f0a0b0c0d0e0f0a0b0c0d0e0f0a0").setHeadersDropped(2).build();
  }

  @Test
  void aTruncatedLetterIsMarkedWithTheOriginalSizeWhatIsKeptAndTheHashAndAProcessingErrorWithItsExceptionAndOperator() {
    DeadLetter fault = DeadLetter.newBuilder(letter("PROCESSING_ERROR", "customer-handoffs", -1)).setSourcePartition(-1)
        .setDetail("unexpected InjectedFault while applying event e3 (PAGE_VIEW) to k-1")
        .setException("dev.customerpulse.profile.InjectedFault: every 3").setOperator("customer profile").build();
    assertThat(DeadLetterSummary.lines(DeadLetterSummary.group(List.of(truncated(5), letter("NOT_CONFLUENT_FRAMED", "clicks", 6),
        fault), 3))).containsExactly(
        "NOT_CONFLUENT_FRAMED          2  (clicks 2; 1 truncated)",
        "    clicks/0@5 key=k5: first byte is 0x7a [TRUNCATED: value 1572864 bytes, 65536 kept, sha256"
            + " 5c2f8d0f8b1fd7a1e2d1e0c3f0c2b1a0d0e0f0a0b0c0d0e0f0a0b0c0d0e0f0a0; 2 headers dropped]",
        "    clicks/0@6 key=k6: detail 6",
        "PROCESSING_ERROR              1  (customer-handoffs 1)",
        "    customer-handoffs/-1@-1 key=k-1: unexpected InjectedFault while applying event e3 (PAGE_VIEW) to k-1"
            + " [dev.customerpulse.profile.InjectedFault: every 3 in customer profile]");
  }

  @Test
  void noLettersNoLines() {
    assertThat(DeadLetterSummary.lines(DeadLetterSummary.group(List.of(), 3))).isEmpty();
  }
}
