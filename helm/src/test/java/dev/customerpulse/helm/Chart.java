package dev.customerpulse.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The chart in helm/customer-pulse, rendered through helm-java (Helm's own Go code, in-process). */
final class Chart {
  static final Path DIR = Path.of("customer-pulse").toAbsolutePath();
  static final YAMLMapper YAML = new YAMLMapper();
  /** helm template renders for Kubernetes 1.20 unless told; the chart needs 1.25 or newer. */
  static final String KUBERNETES = "1.31.0";

  private Chart() {}

  static Path values(String name) {
    return Path.of("src/test/resources/values", name + ".yaml").toAbsolutePath();
  }

  /** helm template with a values file and --set pairs; the documents it renders, by kind. */
  static Rendered template(String valuesName, Map<String, Object> set) {
    TemplateCommand template = new Helm(DIR).template().withName("pulse").withNamespace("analytics").withKubeVersion(KUBERNETES)
        .withValuesFile(values(valuesName));
    set.forEach(template::set);
    return new Rendered(parse(template.call()));
  }

  static List<JsonNode> parse(String yaml) {
    List<JsonNode> documents = new ArrayList<>();
    try {
      Iterator<JsonNode> all = YAML.readerFor(JsonNode.class).readValues(yaml);
      while (all.hasNext()) {
        JsonNode document = all.next();
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          documents.add(document);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("helm template rendered invalid YAML:\n" + yaml, e);
    }
    return documents;
  }

  /** A copy of the chart whose values.yaml has the given values file merged over the chart's defaults. */
  static Path copyWithValues(Path target, String valuesName) throws IOException {
    try (var files = Files.walk(DIR)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path copy = target.resolve(DIR.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(source, copy);
        }
      }
    }
    ObjectNode values = (ObjectNode) YAML.readTree(DIR.resolve("values.yaml").toFile());
    YAML.readerForUpdating(values).readValue(values(valuesName).toFile());
    YAML.writeValue(target.resolve("values.yaml").toFile(), values);
    return target;
  }

  record Rendered(List<JsonNode> documents) {
    List<JsonNode> ofKind(String kind) {
      return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    JsonNode one(String kind) {
      List<JsonNode> found = ofKind(kind);
      if (found.size() != 1) {
        throw new AssertionError("expected one " + kind + ", rendered " + found.size());
      }
      return found.get(0);
    }

    JsonNode deployment() {
      return one("FlinkDeployment");
    }

    /** The job's config.yaml from the ConfigMap. */
    JsonNode jobConfig() {
      try {
        return YAML.readTree(one("ConfigMap").path("data").path("config.yaml").asText());
      } catch (IOException e) {
        throw new AssertionError("the ConfigMap's config.yaml is not YAML", e);
      }
    }

    JsonNode mainContainer() {
      for (JsonNode container : deployment().path("spec").path("podTemplate").path("spec").path("containers")) {
        if (container.path("name").asText().equals("flink-main-container")) {
          return container;
        }
      }
      throw new AssertionError("no flink-main-container in the pod template");
    }
  }
}
