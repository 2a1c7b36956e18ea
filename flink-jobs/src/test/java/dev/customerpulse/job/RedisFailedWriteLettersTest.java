package dev.customerpulse.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The dead letter of a profile write Redis refused for its key alone: who, where, why, and no profile data. */
class RedisFailedWriteLettersTest {

  @Test
  void namesTheCustomerTheKeyAndTheErrorAndCarriesNoValue() {
    DeadLetter letter = RedisFailedWriteLetters.letter("cust-42", 7, "cp:profile:{cust-42}",
        "WRONGTYPE Operation against a key holding the wrong kind of value", Instant.ofEpochMilli(5_000));
    assertThat(letter.getReason()).isEqualTo("REDIS_WRITE_FAILED");
    assertThat(letter.getDetail()).isEqualTo("Redis refused profile version 7 of customer cust-42 at key cp:profile:{cust-42};"
        + " the rest of the batch was written. Fix or delete the key: the profile is written with the customer's next update,"
        + " or by 'pulse redis rebuild'");
    assertThat(letter.getException()).isEqualTo("WRONGTYPE Operation against a key holding the wrong kind of value");
    assertThat(letter.getSourceTopic()).isEqualTo("redis");
    assertThat(letter.getSourcePartition()).isEqualTo(-1);
    assertThat(letter.getSourceOffset()).isEqualTo(-1);
    assertThat(letter.getSourceTimestamp()).isEqualTo(Instant.ofEpochMilli(5_000));
    assertThat(StandardCharsets.UTF_8.decode(letter.getKey()).toString()).isEqualTo("cust-42");
    assertThat(letter.getValue()).isNull();
    assertThat(letter.getHeaders()).isEmpty();
  }
}
