package dev.customerpulse.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pulse dlq never re-publishes a prefix of a record, or no record, as if it were the record. */
class RepublishingTest {
  private static DeadLetter whole(long offset) {
    return DeadLetter.newBuilder().setReason("INVALID_AMOUNT").setDetail("d").setSourceTopic("orders").setSourcePartition(0)
        .setSourceOffset(offset).setSourceTimestamp(Instant.EPOCH).setValue(ByteBuffer.wrap(new byte[] {0, 1})).build();
  }

  @Test
  void wholeLettersGoBack() {
    assertThat(Republishing.whyNot(whole(1))).isNull();
    assertThat(Republishing.refusal(List.of(whole(1), whole(2)))).isNull();
  }

  @Test
  void aSelectionWithATruncatedOrValuelessLetterIsRefusedInOneLineNamingTheFirst() {
    DeadLetter truncated = DeadLetterSummaryTest.truncated(5);
    DeadLetter timer = DeadLetter.newBuilder(whole(-1)).setReason("PROCESSING_ERROR").setSourceTopic("customer-handoffs")
        .setSourcePartition(-1).setValue(null).build();
    assertThat(Republishing.whyNot(timer)).isEqualTo("holds no value");
    String refusal = Republishing.refusal(List.of(whole(1), truncated, timer));
    assertThat(refusal).isEqualTo("refusing to re-publish: 2 of the 3 selected dead letters cannot go back as the record they"
        + " stand for, e.g. clicks/0@5 is truncated (value 1572864 bytes, 65536 kept, sha256"
        + " 5c2f8d0f8b1fd7a1e2d1e0c3f0c2b1a0d0e0f0a0b0c0d0e0f0a0b0c0d0e0f0a0; 2 headers dropped); re-send those from their"
        + " source offsets, or add --skip-incomplete to re-publish only the 1 whole ones");
    assertThat(refusal).doesNotContain("\n");
  }
}
