package dev.customerpulse.connectors.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small client for the Confluent Schema Registry REST API, the part a serializer and a
 * deserializer need: register, look up, fetch by id, list subjects.
 *
 * <p>Results are cached for the life of the client: schema ids never change meaning, so the
 * registry is called once per schema, not per record, and schemas already fetched keep serving
 * while the registry is down. How it retries is {@link RegistrySettings#retries()}:
 * <ul>
 *   <li>An id the registry answers 404 for is asked for again a few times with a growing wait (a
 *       replica may not have a new schema yet); then an {@link UnknownSchemaIdException}, and the
 *       verdict is remembered for a while, so further records with that id do not wait again.
 *   <li>Outages (connection refused, timeouts, HTTP 5xx) are waited out with exponential backoff
 *       for the outage tolerance, counted from the outage's first failure, with a warning logged at
 *       most once a minute; then a {@link SchemaRegistryUnavailableException} says which URL could
 *       not be reached and for how long.
 *   <li>Refused credentials (401, 403), TLS failures and other answers are never retried.
 * </ul>
 */
public final class SchemaRegistryClient {
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryClient.class);

  private final RegistrySettings settings;
  private final HttpClient http;
  private final String authorization;
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();
  private final RegistryClock clock;
  private final RegistryOutage outage;
  private final UnknownIdVerdicts unknownIds;
  private final AtomicLong unknownIdRetries = new AtomicLong();

  public SchemaRegistryClient(RegistrySettings settings) {
    this(settings, RegistryClock.SYSTEM, LOG::warn);
  }

  /** A client that reads time and waits through {@code clock}, and sends its outage warnings to {@code warnings}. */
  SchemaRegistryClient(RegistrySettings settings, RegistryClock clock, Consumer<String> warnings) {
    this.settings = settings;
    this.clock = clock;
    this.outage = new RegistryOutage(settings.url(), settings.retries(), clock, warnings);
    this.unknownIds = new UnknownIdVerdicts(settings.retries().unknownIdMemory());
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.requestTimeout());
    if (settings.trustStore() != null) {
      builder.sslContext(sslContext(settings));
    }
    this.http = builder.build();
    this.authorization = settings.username() == null ? null
        : "Basic " + Base64.getEncoder().encodeToString(
            (settings.username() + ":" + (settings.password() == null ? "" : settings.password()))
                .getBytes(StandardCharsets.UTF_8));
  }

  public RegistrySettings settings() {
    return settings;
  }

  /** What this client has been through with the registry so far, for metrics. */
  public RegistryHealth health() {
    return new RegistryHealth(outage.unavailableSeconds(), outage.failedTries(), unknownIdRetries.get());
  }

  /**
   * The writer schema with this id; fetched once, then served from the cache. An id the registry
   * does not know is asked for again {@link RegistryRetries#unknownIdRetries()} times before it is
   * an {@link UnknownSchemaIdException}, which is then thrown at once for the id for a while.
   */
  public Schema schemaById(int id) throws SchemaRegistryException {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    RegistryRetries retries = settings.retries();
    if (unknownIds.stillUnknown(id, clock.nanoTime())) {
      throw new UnknownSchemaIdException(id, settings.url(), "found unknown less than "
          + RegistryRetries.describe(retries.unknownIdMemory()) + " ago");
    }
    Response response = send("GET", "/schemas/ids/" + id, null);
    Duration waited = Duration.ZERO;
    for (int retry = 0; response.status == 404; retry++) {
      if (retry == retries.unknownIdRetries()) {
        unknownIds.remember(id, clock.nanoTime());
        throw new UnknownSchemaIdException(id, settings.url(), retry == 0 ? "asked once"
            : "asked " + (retry + 1) + " times over " + RegistryRetries.describe(waited));
      }
      Duration backoff = RegistryRetries.backoff(retries.unknownIdBackoff(), retry, RegistryRetries.UNKNOWN_ID_BACKOFF_MAX);
      sleep(backoff);
      waited = waited.plus(backoff);
      unknownIdRetries.incrementAndGet();
      response = send("GET", "/schemas/ids/" + id, null);
    }
    requireOk(response, "fetch schema id " + id);
    Schema schema = new Schema.Parser().parse(response.json.get("schema").asText());
    Schema winner = schemasById.putIfAbsent(id, schema);
    return winner == null ? schema : winner;
  }

  /** The id of this schema under the subject, if the subject has it registered. */
  public OptionalInt lookup(String subject, Schema schema) throws SchemaRegistryException {
    String cacheKey = subject + '\u0000' + schema;
    Integer cached = idsBySubjectAndSchema.get(cacheKey);
    if (cached != null) {
      return OptionalInt.of(cached);
    }
    Response response = send("POST", "/subjects/" + encode(subject), body(schema));
    if (response.status == 404) {
      return OptionalInt.empty();
    }
    requireOk(response, "look up a schema under subject " + subject);
    int id = response.json.get("id").asInt();
    remember(cacheKey, id, schema);
    return OptionalInt.of(id);
  }

  /**
   * Registers the schema under the subject (a no-op returning the existing id if it is already
   * there). A 409 can mean a concurrent registration of the same schema, so it falls back to a
   * lookup before reporting an incompatible schema.
   */
  public int register(String subject, Schema schema) throws SchemaRegistryException {
    String cacheKey = subject + '\u0000' + schema;
    Integer cached = idsBySubjectAndSchema.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    Response response = send("POST", "/subjects/" + encode(subject) + "/versions", body(schema));
    if (response.status == 409) {
      OptionalInt existing = lookup(subject, schema);
      if (existing.isPresent()) {
        return existing.getAsInt();
      }
      throw new SchemaRegistryException("schema " + schema.getFullName() + " is incompatible with the versions"
          + " registered under subject " + subject + ": " + errorMessage(response), 409);
    }
    requireOk(response, "register a schema under subject " + subject);
    int id = response.json.get("id").asInt();
    remember(cacheKey, id, schema);
    return id;
  }

  /** The id to write for this schema: looked up, and registered if allowed and missing. */
  public int idForWriting(String subject, Schema schema) throws SchemaRegistryException {
    if (settings.autoRegister()) {
      return register(subject, schema);
    }
    return lookup(subject, schema).orElseThrow(() -> new SchemaRegistryException(
        "schema " + schema.getFullName() + " is not registered under subject " + subject
            + " and auto-registration is off; run 'pulse schemas register' first", 404));
  }

  /** All subjects the registry knows. */
  public List<String> subjects() throws SchemaRegistryException {
    Response response = send("GET", "/subjects", null);
    requireOk(response, "list subjects");
    List<String> subjects = new ArrayList<>();
    response.json.forEach(node -> subjects.add(node.asText()));
    return subjects;
  }

  /** Latest version number and id under a subject, or empty when the subject does not exist. */
  public OptionalInt latestId(String subject) throws SchemaRegistryException {
    Response response = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
    if (response.status == 404) {
      return OptionalInt.empty();
    }
    requireOk(response, "read the latest version of subject " + subject);
    return OptionalInt.of(response.json.get("id").asInt());
  }

  /** Sets the subject's compatibility level (BACKWARD, FULL, NONE, ...). */
  public void setCompatibility(String subject, String level) throws SchemaRegistryException {
    String body;
    try {
      body = JSON.writeValueAsString(Map.of("compatibility", level));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    requireOk(send("PUT", "/config/" + encode(subject), body), "set compatibility " + level + " on subject " + subject);
  }

  private void remember(String cacheKey, int id, Schema schema) {
    idsBySubjectAndSchema.put(cacheKey, id);
    schemasById.putIfAbsent(id, schema);
  }

  /** The request body for a schema: its published text, which is what other producers register and look up. */
  private static String body(Schema schema) {
    try {
      return JSON.writeValueAsString(Map.of("schema", PublishedSchema.text(schema)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode schema as JSON", e);
    }
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8);
  }

  private void requireOk(Response response, String action) throws SchemaRegistryException {
    if (response.status == 401 || response.status == 403) {
      throw new SchemaRegistryException("schema registry at " + settings.url() + " refused the credentials (HTTP "
          + response.status + ") when trying to " + action + "; check the registry user and password", response.status);
    }
    if (response.status / 100 != 2) {
      throw new SchemaRegistryException("schema registry at " + settings.url() + " could not " + action
          + ": HTTP " + response.status + " " + errorMessage(response), response.status);
    }
  }

  private static String errorMessage(Response response) {
    if (response.json != null && response.json.has("message")) {
      return response.json.get("message").asText();
    }
    return response.raw;
  }

  private Response send(String method, String path, String body) throws SchemaRegistryException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.url() + path))
        .timeout(settings.requestTimeout())
        .header("Accept", CONTENT_TYPE + ", application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (body != null) {
      request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    for (int attempt = 0; ; attempt++) {
      Exception failure;
      try {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() < 500) {
          reached();
          return new Response(response.statusCode(), response.body());
        }
        failure = RegistryOutage.serverError(response.statusCode());
      } catch (IOException e) {
        if (e instanceof javax.net.ssl.SSLException || e.getCause() instanceof javax.net.ssl.SSLException) {
          // Not transient: the same certificate fails the same way on every try.
          throw new SchemaRegistryException("schema registry at " + settings.url() + ": the TLS handshake failed ("
              + RegistryOutage.describe(e instanceof javax.net.ssl.SSLException ? e : (Exception) e.getCause())
              + "); check the registry trust store", e);
        }
        failure = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException("interrupted while calling the schema registry at " + settings.url(), e);
      }
      sleep(outage.afterFailure(failure, attempt));
    }
  }

  private void reached() {
    Duration lasted = outage.reached();
    if (lasted != null) {
      LOG.info("schema registry at {} reachable again after {}", settings.url(), RegistryRetries.describe(lasted));
    }
  }

  private void sleep(Duration wait) throws SchemaRegistryException {
    try {
      clock.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("interrupted while waiting for the schema registry at " + settings.url(), e);
    }
  }

  private static SSLContext sslContext(RegistrySettings settings) {
    try (InputStream in = Files.newInputStream(Path.of(settings.trustStore()))) {
      KeyStore store = KeyStore.getInstance(settings.trustStore().endsWith(".jks") ? "JKS" : "PKCS12");
      char[] password = settings.trustStorePassword() == null ? null : settings.trustStorePassword().toCharArray();
      store.load(in, password);
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot load the registry trust store " + settings.trustStore() + ": "
          + e.getMessage(), e);
    }
  }

  private static final class Response {
    final int status;
    final String raw;
    final JsonNode json;

    Response(int status, String raw) {
      this.status = status;
      this.raw = raw;
      JsonNode parsed;
      try {
        parsed = raw == null || raw.isBlank() ? null : JSON.readTree(raw);
      } catch (IOException e) {
        parsed = null;
      }
      this.json = parsed;
    }
  }
}
