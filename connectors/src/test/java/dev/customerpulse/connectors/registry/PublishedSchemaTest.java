package dev.customerpulse.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class PublishedSchemaTest {
  private static final Path PUBLISHED = Path.of("..", "schemas", "src", "main", "avro");

  private static List<Path> publishedFiles() throws IOException {
    try (Stream<Path> files = Files.list(PUBLISHED)) {
      return files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList();
    }
  }

  @Test
  void theGeneratedClassesSchemasCarryTheJavaStringHintAndTheirPublishedTextIsThatOfTheAvscFile() throws Exception {
    List<Path> files = publishedFiles();
    assertThat(files).hasSize(14);
    List<String> withoutHint = new java.util.ArrayList<>();
    for (Path file : files) {
      Schema avsc = new Schema.Parser().parse(file.toFile());
      Schema generated = SpecificData.get().getSchema(Class.forName(avsc.getFullName()));
      if (!generated.toString().contains("\"avro.java.string\":\"String\"")) {
        withoutHint.add(file.getFileName().toString());
      }
      assertThat(PublishedSchema.text(generated)).as(file.toString()).isEqualTo(avsc.toString());
    }
    // Only a schema without strings has no hint to remove.
    assertThat(withoutHint).containsExactly("ClvQuantiles.avsc");
  }

  @Test
  void aSchemaWithoutTheHintIsSentAsItIs() {
    Schema plain = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"s\",\"type\":\"string\"}]}");
    assertThat(PublishedSchema.text(plain)).isEqualTo(plain.toString());
  }
}
