package dev.customerpulse.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Build-time gate over the schema catalogue.
 *
 * <p>Every current schema must be able to read data written with every released version of the same
 * record (BACKWARD, checked transitively so that old records in long-retention topics stay
 * readable), no released record may disappear, and every record, enum and field must carry a doc.
 * Released versions live in {@code released/<release>/<Name>.avsc}.
 */
public final class SchemaCompatibilityGate {

  private SchemaCompatibilityGate() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: SchemaCompatibilityGate <current-schema-dir> <released-dir>");
    }
    List<String> problems = check(Path.of(args[0]), Path.of(args[1]));
    if (!problems.isEmpty()) {
      // Throwing (not System.exit) fails the Maven build without killing Maven's own JVM.
      throw new IllegalStateException(
          "Schema catalogue check failed:\n  - " + String.join("\n  - ", problems));
    }
  }

  /** Returns every problem found; an empty list means the catalogue passes. */
  public static List<String> check(Path currentDir, Path releasedDir) {
    List<String> problems = new ArrayList<>();
    Map<String, Schema> current = readDirectory(currentDir);
    if (current.isEmpty()) {
      problems.add("no schemas found in " + currentDir);
    }
    current.values().forEach(schema -> checkDocumented(schema, schema.getName(), problems));

    for (Path release : releases(releasedDir)) {
      readDirectory(release).forEach((name, released) -> {
        Schema now = current.get(name);
        String where = name + " (release " + release.getFileName() + ")";
        if (now == null) {
          problems.add(where + " was released but no longer exists in " + currentDir);
          return;
        }
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(now, released);
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
          problems.add(where + ": current schema cannot read released data: "
              + incompatibility.getType() + " at " + incompatibility.getLocation()
              + " (" + incompatibility.getMessage() + ")");
        }
      });
    }
    return problems;
  }

  private static List<Path> releases(Path releasedDir) {
    if (!Files.isDirectory(releasedDir)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(releasedDir)) {
      return dirs.filter(Files::isDirectory)
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses each {@code .avsc} file of a directory on its own; files must be self-contained. */
  static Map<String, Schema> readDirectory(Path dir) {
    Map<String, Schema> byName = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
        Schema schema = new Schema.Parser().parse(file.toFile());
        byName.put(schema.getName(), schema);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schemas in " + dir, e);
    }
    return byName;
  }

  private static void checkDocumented(Schema schema, String path, List<String> problems) {
    switch (schema.getType()) {
      case RECORD -> {
        requireDoc(schema.getDoc(), "record " + path, problems);
        for (Schema.Field field : schema.getFields()) {
          requireDoc(field.doc(), "field " + path + "." + field.name(), problems);
          checkDocumented(field.schema(), path + "." + field.name(), problems);
        }
      }
      case ENUM -> requireDoc(schema.getDoc(), "enum " + path, problems);
      case ARRAY -> checkDocumented(schema.getElementType(), path + "[]", problems);
      case MAP -> checkDocumented(schema.getValueType(), path + "{}", problems);
      case UNION -> schema.getTypes().forEach(branch -> checkDocumented(branch, path, problems));
      default -> { }
    }
  }

  private static void requireDoc(String doc, String what, List<String> problems) {
    if (doc == null || doc.isBlank()) {
      problems.add(what + " has no doc");
    }
  }
}
