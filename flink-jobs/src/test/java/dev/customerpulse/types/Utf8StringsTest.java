package dev.customerpulse.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class Utf8StringsTest {
  private static DataInputDeserializer written(List<String> values) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    for (String value : values) {
      Utf8Strings.write(value, out);
    }
    return new DataInputDeserializer(out.getCopyOfBuffer());
  }

  @Test
  void everyKindOfStringReadsBackBothWays() throws Exception {
    List<String> values = new ArrayList<>(List.of("", "EUR", "électronique", "x".repeat(33), "a".repeat(200), "日本"));
    values.add(null);
    DataInputDeserializer plain = written(values);
    DataInputDeserializer shared = written(values);
    for (String value : values) {
      assertThat(Utf8Strings.read(plain)).isEqualTo(value);
      assertThat(Utf8Strings.readShared(shared)).isEqualTo(value);
    }
  }

  @Test
  void equalShortStringsComeBackAsOneInstance() throws Exception {
    DataInputDeserializer in = written(List.of("books", "books", "x".repeat(33), "x".repeat(33)));
    assertThat(Utf8Strings.readShared(in)).isSameAs(Utf8Strings.readShared(in));
    assertThat(Utf8Strings.readShared(in)).as("longer than 32 bytes: not shared").isNotSameAs(Utf8Strings.readShared(in));
  }

  @Test
  void manyDistinctValuesNeverComeBackAsAnother() throws Exception {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      values.add("category-" + i);
    }
    DataInputDeserializer first = written(values);
    DataInputDeserializer second = written(values);
    for (String value : values) {
      assertThat(Utf8Strings.readShared(first)).isEqualTo(value);
    }
    for (String value : values) {
      assertThat(Utf8Strings.readShared(second)).isEqualTo(value);
    }
  }
}
