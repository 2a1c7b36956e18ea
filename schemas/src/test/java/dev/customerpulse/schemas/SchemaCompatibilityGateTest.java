package dev.customerpulse.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaCompatibilityGateTest {

  private static final String V1 = """
      {"type":"record","name":"Thing","namespace":"t","doc":"A thing.","fields":[
        {"name":"id","type":"string","doc":"Id."}]}""";

  @TempDir Path dir;

  @Test
  void theRepositoryCatalogueIsDocumentedAndCompatible() {
    assertThat(SchemaCompatibilityGate.check(Path.of("src/main/avro"), Path.of("released"))).isEmpty();
  }

  @Test
  void addingAFieldWithADefaultPasses() throws IOException {
    write("current/Thing.avsc", """
        {"type":"record","name":"Thing","namespace":"t","doc":"A thing.","fields":[
          {"name":"id","type":"string","doc":"Id."},
          {"name":"size","type":"int","default":0,"doc":"Size."}]}""");
    write("released/1/Thing.avsc", V1);

    assertThat(check()).isEmpty();
  }

  @Test
  void addingAFieldWithoutADefaultFailsAndSaysWhere() throws IOException {
    write("current/Thing.avsc", """
        {"type":"record","name":"Thing","namespace":"t","doc":"A thing.","fields":[
          {"name":"id","type":"string","doc":"Id."},
          {"name":"size","type":"int","doc":"Size."}]}""");
    write("released/1/Thing.avsc", V1);

    assertThat(check()).singleElement().asString()
        .startsWith("Thing (release 1): current schema cannot read released data: READER_FIELD_MISSING_DEFAULT")
        .contains("size");
  }

  @Test
  void changingAFieldTypeIncompatiblyFails() throws IOException {
    write("current/Thing.avsc", """
        {"type":"record","name":"Thing","namespace":"t","doc":"A thing.","fields":[
          {"name":"id","type":"int","doc":"Id."}]}""");
    write("released/1/Thing.avsc", V1);

    assertThat(check()).singleElement().asString().contains("TYPE_MISMATCH");
  }

  @Test
  void everyReleasedVersionIsChecked() throws IOException {
    // Release 2 removed field 'legacy' with a default; the current schema still reads both releases.
    write("released/1/Thing.avsc", """
        {"type":"record","name":"Thing","namespace":"t","doc":"A thing.","fields":[
          {"name":"id","type":"string","doc":"Id."},{"name":"n","type":"long","doc":"N."}]}""");
    write("released/2/Thing.avsc", V1);
    write("current/Thing.avsc", """
        {"type":"record","name":"Thing","namespace":"t","doc":"A thing.","fields":[
          {"name":"id","type":"string","doc":"Id."},{"name":"n","type":"int","default":0,"doc":"N."}]}""");

    // Release 1 wrote n as long; reading a long into an int loses data.
    assertThat(check()).singleElement().asString().startsWith("Thing (release 1)");
  }

  @Test
  void removingAReleasedSchemaFails() throws IOException {
    write("current/Other.avsc", """
        {"type":"record","name":"Other","namespace":"t","doc":"Other.","fields":[]}""");
    write("released/1/Thing.avsc", V1);

    assertThat(check()).containsExactly(
        "Thing (release 1) was released but no longer exists in " + dir.resolve("current"));
  }

  @Test
  void undocumentedFieldsAndEnumsFail() throws IOException {
    write("current/Thing.avsc", """
        {"type":"record","name":"Thing","namespace":"t","doc":"A thing.","fields":[
          {"name":"id","type":"string"},
          {"name":"kind","doc":"Kind.","type":{"type":"enum","name":"Kind","symbols":["A"]}}]}""");

    assertThat(check()).containsExactly("field Thing.id has no doc", "enum Thing.kind has no doc");
  }

  private List<String> check() {
    return SchemaCompatibilityGate.check(dir.resolve("current"), dir.resolve("released"));
  }

  private void write(String relative, String content) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
