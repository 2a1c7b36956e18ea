package dev.customerpulse.connectors.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.apache.avro.Schema;

/**
 * A schema as producers see it in the published .avsc files. The generated classes' schemas carry
 * {@code "avro.java.string":"String"} (avro-maven-plugin stringType=String), a hint for Java code
 * generation only; registered with it, the registry holds a text that a producer deriving its schema
 * from the .avsc file (or from a class generated without that option) never finds, so it registers
 * a version of its own. Readers are unaffected: they decode with their own class's schema.
 */
public final class PublishedSchema {
  /** The Java code-generation property that the published files do not have. */
  public static final String JAVA_STRING_PROPERTY = "avro.java.string";
  private static final ObjectMapper JSON = new ObjectMapper();

  private PublishedSchema() {}

  /** The schema's text without Java-only properties, exactly as {@code new Schema.Parser().parse(avsc).toString()}. */
  public static String text(Schema schema) {
    if (!schema.toString().contains(JAVA_STRING_PROPERTY)) {
      return schema.toString();
    }
    try {
      JsonNode tree = JSON.readTree(schema.toString());
      removeJavaProperties(tree);
      // Parsed again so that {"type":"string"} prints as "string", as in a schema parsed from the .avsc.
      return new Schema.Parser().parse(JSON.writeValueAsString(tree)).toString();
    } catch (IOException e) {
      throw new IllegalStateException("cannot rewrite the schema of " + schema.getFullName(), e);
    }
  }

  private static void removeJavaProperties(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove(JAVA_STRING_PROPERTY);
    }
    node.forEach(PublishedSchema::removeJavaProperties);
  }
}
