package dev.customerpulse.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The FlinkDeployment schema of the Flink Kubernetes Operator, as shipped in
 * flink-kubernetes-operator-api. Its flinkVersion enum ends at v1_20 (the newest API on Maven
 * Central is 1.10.0); the 2.x versions the operator 1.13 accepts are added here, and nothing else.
 */
final class FlinkDeploymentCrd {
  static final List<String> FLINK_2_VERSIONS = List.of("v2_0", "v2_1", "v2_2");
  private static final String RESOURCE = "META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml";
  private final JsonSchema schema;

  FlinkDeploymentCrd() throws IOException {
    JsonNode crd;
    try (InputStream in = FlinkDeploymentCrd.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path (flink-kubernetes-operator-api)");
      }
      crd = Chart.YAML.readTree(in);
    }
    ObjectNode openApi = (ObjectNode) crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    ArrayNode versions = (ArrayNode) openApi.path("properties").path("spec").path("properties").path("flinkVersion").path("enum");
    FLINK_2_VERSIONS.forEach(versions::add);
    schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(openApi);
  }

  /** The schema's complaints about a FlinkDeployment, empty when it is valid. */
  Set<String> problems(JsonNode deployment) {
    return schema.validate(deployment).stream().map(ValidationMessage::getMessage).collect(Collectors.toCollection(java.util.TreeSet::new));
  }
}
