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

  @Test
  void noLettersNoLines() {
    assertThat(DeadLetterSummary.lines(DeadLetterSummary.group(List.of(), 3))).isEmpty();
  }
}
