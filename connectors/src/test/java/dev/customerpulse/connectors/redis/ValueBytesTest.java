package dev.customerpulse.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ValueBytesTest {
  @Test
  void writesTheSameBytesAsTheStringFormOfEveryValue() {
    long[] longs = {0, 7, -7, 10, 99, 1_000_000_007L, Long.MAX_VALUE, Long.MIN_VALUE, -1};
    double[] decimals = {0, 0.5, 0.12345, -0.00004, -0.00006, 1, 12.3456, 123456.789, Double.NaN};
    FieldValues values = new FieldValues(longs.length + decimals.length + 2);
    int f = 0;
    for (long v : longs) {
      values.setLong(f++, v);
    }
    for (double v : decimals) {
      values.setDecimal(f++, v);
    }
    values.setText(f++, "Zoë, 東京\u001f");
    values.setText(f, "");

    ValueBytes out = new ValueBytes(4);
    for (int i = 0; i < values.size(); i++) {
      out.clear();
      values.appendTo(i, out);
      assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).as("field %d", i).isEqualTo(values.text(i));
    }
    assertThat(values.text(0)).isEqualTo("0");
    assertThat(values.text(7)).isEqualTo("-9223372036854775808");
    assertThat(values.text(longs.length + 2)).isEqualTo("0.1235");
    assertThat(values.text(longs.length + 3)).isEqualTo("0.0000");
    assertThat(values.text(longs.length + 4)).isEqualTo("-0.0001");
    assertThat(values.text(longs.length + 7)).isEqualTo("123456.7890");
    assertThat(values.text(longs.length + 8)).isEmpty();
  }

  @Test
  void packsMessagePackStringsWithTheShortestHeader() {
    ValueBytes out = new ValueBytes(4);
    byte[] empty = new byte[0];
    byte[] short31 = "x".repeat(31).getBytes(StandardCharsets.UTF_8);
    byte[] long32 = "y".repeat(32).getBytes(StandardCharsets.UTF_8);
    byte[] long300 = "z".repeat(300).getBytes(StandardCharsets.UTF_8);
    out.appendPacked(empty, 0, 0);
    out.appendPacked(short31, 0, 31);
    out.appendPacked(long32, 0, 32);
    out.appendPacked(long300, 0, 300);
    byte[] packed = out.toByteArray();
    assertThat(packed).hasSize(1 + (1 + 31) + (2 + 32) + (3 + 300));
    assertThat(packed[0]).isEqualTo((byte) 0xa0);
    assertThat(packed[1]).isEqualTo((byte) (0xa0 | 31));
    assertThat(packed[33]).isEqualTo((byte) 0xd9);
    assertThat(packed[34]).isEqualTo((byte) 32);
    assertThat(packed[67]).isEqualTo((byte) 0xda);
    assertThat(packed[68]).isEqualTo((byte) 1);
    assertThat(packed[69]).isEqualTo((byte) 44);
  }
}
