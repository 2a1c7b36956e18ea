package dev.customerpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.avro.DeadLetterHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

/** What of a record a dead letter keeps within its limits: whole when it fits, else a prefix with the original's size and hash. */
class DeadLetterBoundsTest {
  private static final DeadLetterLimits SMALL = new DeadLetterLimits(10, 4, 2, 12);

  private static DeadLetter.Builder base() {
    return DeadLetter.newBuilder().setReason("EMPTY_RECORD").setDetail("d").setSourceTopic("clicks").setSourcePartition(0)
        .setSourceOffset(7).setSourceTimestamp(Instant.EPOCH);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void aRecordWithinTheLimitsIsKeptWholeWithItsSizesAndHashes() throws Exception {
    DeadLetter letter = DeadLetterBounds.contents(base(), ascii("ann"), ascii("0123456789"),
        List.<Header>of(new RecordHeader("a", ascii("12345")), new RecordHeader("b", (byte[]) null)), SMALL).build();
    assertThat(bytes(letter.getKey())).isEqualTo(ascii("ann"));
    assertThat(bytes(letter.getValue())).isEqualTo(ascii("0123456789"));
    assertThat(letter.getHeaders()).containsExactly(new DeadLetterHeader("a", ByteBuffer.wrap(ascii("12345"))),
        new DeadLetterHeader("b", null));
    assertThat(letter.getTruncated()).isFalse();
    assertThat(letter.getHeadersDropped()).isZero();
    assertThat(letter.getOriginalValueSize()).isEqualTo(10);
    assertThat(letter.getOriginalValueSha256()).isEqualTo("84d89877f0d4041efb6bf91a16f0248f2fd573e6af05c19f96bedb9f882f7882");
    assertThat(letter.getOriginalValueSha256()).isEqualTo(sha256(ascii("0123456789")));
    assertThat(letter.getOriginalKeySize()).isEqualTo(3);
    assertThat(letter.getOriginalKeySha256()).isEqualTo(sha256(ascii("ann")));
  }

  @Test
  void anOversizedValueAndKeyKeepTheirFirstBytesAndTheWholeOnesSizeAndHash() throws Exception {
    byte[] value = new byte[1_500_000];
    Arrays.fill(value, (byte) 'x');
    value[0] = 'A';
    DeadLetter letter = DeadLetterBounds.contents(base(), ascii("customer"), value, List.of(), SMALL).build();
    assertThat(bytes(letter.getValue())).isEqualTo(ascii("Axxxxxxxxx"));
    assertThat(bytes(letter.getKey())).isEqualTo(ascii("cust"));
    assertThat(letter.getTruncated()).isTrue();
    assertThat(letter.getOriginalValueSize()).isEqualTo(1_500_000);
    assertThat(letter.getOriginalValueSha256()).isEqualTo(sha256(value));
    assertThat(letter.getOriginalKeySize()).isEqualTo(8);
    assertThat(letter.getOriginalKeySha256()).isEqualTo(sha256(ascii("customer")));
  }

  @Test
  void headersAreKeptInOrderUntilTheFirstThatExceedsTheCountOrTheBytes() {
    // a=1+5 bytes fits, b=1+10 would make 17 > 12: b and everything after it are dropped, though c alone would fit.
    DeadLetter bytesBound = DeadLetterBounds.contents(base(), null, null, List.<Header>of(new RecordHeader("a", ascii("12345")),
        new RecordHeader("b", ascii("0123456789")), new RecordHeader("c", ascii("1"))), SMALL).build();
    assertThat(bytesBound.getHeaders()).extracting(DeadLetterHeader::getKey).containsExactly("a");
    assertThat(bytesBound.getHeadersDropped()).isEqualTo(2);
    assertThat(bytesBound.getTruncated()).isTrue();
    assertThat(bytesBound.getOriginalValueSize()).isNull();
    assertThat(bytesBound.getOriginalValueSha256()).isNull();
    assertThat(bytesBound.getKey()).isNull();

    DeadLetter countBound = DeadLetterBounds.contents(base(), null, null, List.<Header>of(new RecordHeader("a", ascii("1")),
        new RecordHeader("b", ascii("2")), new RecordHeader("c", ascii("3"))), SMALL).build();
    assertThat(countBound.getHeaders()).extracting(DeadLetterHeader::getKey).containsExactly("a", "b");
    assertThat(countBound.getHeadersDropped()).isEqualTo(1);
  }

  @Test
  void aLongTextIsCutTo2000CharactersSayingHowLongItWas() {
    String cut = DeadLetterBounds.text("y".repeat(5_000));
    assertThat(cut).hasSize(2_000).isEqualTo("y".repeat(1_979) + "... (5000 characters)");
    assertThat(DeadLetterBounds.text("short")).isEqualTo("short");
    assertThat(DeadLetterBounds.text(null)).isNull();
  }

  @Test
  void aLetterBuiltWholeIsCutWhenOverTheLimitsAndLeftAsItIsWhenWithin() throws Exception {
    DeadLetter whole = base().setKey(ByteBuffer.wrap(ascii("ann"))).setValue(ByteBuffer.wrap(new byte[1_000])).setHeaders(List.of())
        .build();
    DeadLetter bounded = DeadLetterBounds.bounded(whole, SMALL);
    assertThat(bounded.getValue().remaining()).isEqualTo(10);
    assertThat(bounded.getOriginalValueSize()).isEqualTo(1_000);
    assertThat(bounded.getOriginalValueSha256()).isEqualTo(sha256(new byte[1_000]));
    assertThat(bounded.getTruncated()).isTrue();
    assertThat(DeadLetterBounds.bounded(bounded, DeadLetterLimits.DEFAULTS)).isSameAs(bounded);
  }
}
