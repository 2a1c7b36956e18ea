package dev.customerpulse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.cli.PulseCli;
import dev.customerpulse.connectors.kafka.ConfluentAvroDecoder;
import dev.customerpulse.connectors.kafka.ConfluentAvroEncoder;
import dev.customerpulse.connectors.registry.ConfluentWireFormat;
import dev.customerpulse.job.TopicSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/**
 * The schemas pulse registers are the published .avsc files as a standard producer derives them
 * (Schema.Parser, then toString, as Confluent's serializer sends them), so such a producer finds
 * them instead of registering a version of its own.
 */
class PublishedSchemasIT extends OnTestStack {
  private static final Path PUBLISHED = Path.of("..", "schemas", "src", "main", "avro");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  /** Every published .avsc file by the full name of its record, as a standard producer parses it. */
  private static Map<String, Schema> publishedSchemas() throws IOException {
    Map<String, Schema> byName = new TreeMap<>();
    try (Stream<Path> files = Files.list(PUBLISHED)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
        Schema schema = new Schema.Parser().parse(file.toFile());
        byName.put(schema.getFullName(), schema);
      }
    }
    return byName;
  }

  private JsonNode registry(String method, String path, Schema body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(it.stack.registryUrl() + path))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("schema", body.toString()))));
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = JSON.readTree(response.body());
    return response.statusCode() == 200 ? json : JSON.createObjectNode().put("status", response.statusCode())
        .put("message", json.path("message").asText());
  }

  private static String subject(String topic) {
    return URLEncoder.encode(ConfluentWireFormat.valueSubject(topic), StandardCharsets.UTF_8);
  }

  private PulseCli.Result schemasRegister() {
    List<String> args = new ArrayList<>(List.of("schemas", "register", "--registry-url", it.stack.registryUrl()));
    it.jobConfiguration().toMap().forEach((key, value) -> {
      if (key.startsWith("pulse.topics.")) {
        args.addAll(List.of("-D", key + "=" + value));
      }
    });
    return PulseCli.run(args.toArray(String[]::new));
  }

  @Test
  void aLookupWithEachPublishedSchemaFindsTheVersionPulseRegistered() throws Exception {
    Map<String, Schema> published = publishedSchemas();
    Map<String, Schema> registered = TopicSchemas.of(it.topics);
    assertThat(registered.values().stream().map(Schema::getFullName).distinct().sorted())
        .as("every published file is some topic's schema").containsExactlyElementsOf(published.keySet());

    PulseCli.Result result = schemasRegister();
    assertThat(result.exitCode()).as(result.err()).isZero();

    Map<String, String> found = new TreeMap<>();
    Map<String, String> expected = new TreeMap<>();
    for (var entry : registered.entrySet()) {
      String topic = entry.getKey();
      Schema avsc = published.get(entry.getValue().getFullName());
      JsonNode latest = registry("GET", "/subjects/" + subject(topic) + "/versions/latest", null);
      JsonNode lookup = registry("POST", "/subjects/" + subject(topic), avsc);
      found.put(topic, lookup.has("id") ? "id " + lookup.get("id").asInt() + ", version " + lookup.get("version").asInt()
          : "HTTP " + lookup.get("status").asInt() + " " + lookup.get("message").asText());
      expected.put(topic, "id " + latest.get("id").asInt() + ", version 1");
      // The strict case, whatever the registry's lookup compares: the registered text is the producer's text.
      String text = registry("GET", "/schemas/ids/" + latest.get("id").asInt(), null).get("schema").asText();
      assertThat(text).as(topic).isEqualTo(avsc.toString());
    }
    assertThat(found).isEqualTo(expected);
  }

  @Test
  void aPlainProducersRecordWrittenWithThePublishedSchemaDecodesIntoJavaStrings() throws Exception {
    assertThat(schemasRegister().exitCode()).isZero();
    Schema avsc = publishedSchemas().get(ClickEvent.getClassSchema().getFullName());
    int id = registry("POST", "/subjects/" + subject(it.topics.clicks()), avsc).path("id").asInt(-1);
    assertThat(id).as("the published schema is registered").isPositive();

    GenericRecord click = new GenericData.Record(avsc);
    for (Schema.Field field : avsc.getFields()) {
      if (field.hasDefaultValue()) {
        click.put(field.name(), GenericData.get().getDefaultValue(field));
      }
    }
    click.put("event_id", "e-1");
    click.put("customer_id", "c-7");
    click.put("event_time", 1_700_000_000_000L);
    click.put("type", new GenericData.EnumSymbol(avsc.getField("type").schema(), "PAGE_VIEW"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(ConfluentWireFormat.MAGIC_BYTE);
    bytes.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new GenericDatumWriter<GenericRecord>(avsc).write(click, encoder);
    encoder.flush();

    ClickEvent decoded = new ConfluentAvroDecoder<>(ClickEvent.class, it.registry).decode(bytes.toByteArray());
    assertThat(decoded.getEventId()).isEqualTo("e-1");
    assertThat((Object) decoded.getCustomerId()).isInstanceOf(String.class).isEqualTo("c-7");
    assertThat(decoded.getEventTime()).isEqualTo(java.time.Instant.ofEpochMilli(1_700_000_000_000L));
  }

  @Test
  void theJobsOwnOutputSerializersRegisterThePublishedSchema() throws Exception {
    ConfluentAvroEncoder<SegmentChange> encoder = new ConfluentAvroEncoder<>(SegmentChange.class, it.registry,
        it.topics.segmentChanges());
    int written = ConfluentWireFormat.schemaId(encoder.header());

    Schema avsc = publishedSchemas().get(SegmentChange.getClassSchema().getFullName());
    JsonNode lookup = registry("POST", "/subjects/" + subject(it.topics.segmentChanges()), avsc);
    assertThat(lookup.path("id").asInt(-1)).as(lookup.toString()).isEqualTo(written);
  }
}
