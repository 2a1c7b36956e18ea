package dev.customerpulse.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.ClickChannel;
import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.ClickType;
import dev.customerpulse.avro.DeviceType;
import dev.customerpulse.connectors.kafka.ConfluentAvroDecoder;
import dev.customerpulse.localstack.LocalStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The decoder's registry retries against the real registry (Apicurio): a schema registered only
 * after records with its id arrive, and a registry out of reach for five seconds.
 */
@Timeout(30)
class RegistryRetriesIT {
  private static String registryUrl;
  private static SchemaRegistryClient admin;

  @BeforeAll
  static void registry() {
    registryUrl = LocalStack.shared().registryUrl();
    admin = new SchemaRegistryClient(RegistrySettings.of(registryUrl));
  }

  private static ClickEvent click(String id) {
    return ClickEvent.newBuilder()
        .setEventId(id).setCustomerId("c-1").setSessionId("s-1")
        .setEventTime(Instant.ofEpochMilli(1_700_000_000_123L)).setType(ClickType.PRODUCT_VIEW)
        .setProductId("p-9").setCategory("audio").setPriceMinor(4_999L).setCurrency("EUR")
        .setChannel(ClickChannel.WEB).setDevice(DeviceType.DESKTOP)
        .build();
  }

  /** ClickEvent's schema with a property of its own, so that the registry gives it a new id. */
  private static Schema newWriterSchema() {
    Schema schema = new Schema.Parser().parse(PublishedSchema.text(ClickEvent.getClassSchema()));
    schema.addProp("test-probe", UUID.randomUUID().toString());
    return schema;
  }

  private static String freshSubject() {
    return "retries-" + UUID.randomUUID() + "-value";
  }

  /** A Confluent-framed record: magic byte, schema id, the click in Avro binary. */
  private static byte[] framed(int schemaId, ClickEvent click) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(schemaId).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<ClickEvent>(ClickEvent.getClassSchema()).write(click, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  @Test
  void recordsWithASchemaRegisteredWhileTheyAreRetriedAreDecoded() throws Exception {
    // The registry numbers new schemas in sequence: the next one registered gets the id after this probe's.
    int next = admin.register(freshSubject(), newWriterSchema()) + 1;
    RegistrySettings settings = RegistrySettings.of(registryUrl)
        .withRetries(new RegistryRetries(5, Duration.ofMillis(100), Duration.ofMinutes(1), Duration.ofSeconds(20), Duration.ofSeconds(1)));
    ConfluentAvroDecoder<ClickEvent> decoder = new ConfluentAvroDecoder<>(ClickEvent.class, settings);
    SchemaRegistryClient shared = ConfluentSchemaCoderProvider.forReading(settings).client();

    CompletableFuture<Integer> registered = CompletableFuture.supplyAsync(() -> {
      // Registered once the decoder has met the 404 and waits to ask again.
      while (shared.health().unknownIdRetries() == 0) {
        Thread.onSpinWait();
      }
      try {
        return admin.register(freshSubject(), newWriterSchema());
      } catch (SchemaRegistryException e) {
        throw new IllegalStateException(e);
      }
    });
    ClickEvent decoded = decoder.decode(framed(next, click("late-schema")));

    assertThat(registered.get(5, TimeUnit.SECONDS)).as("id the registry gave the delayed schema").isEqualTo(next);
    assertThat(decoded).isEqualTo(click("late-schema"));
    assertThat(shared.health().unknownIdRetries()).isBetween(1L, 5L);
    assertThat(decoder.decode(framed(next, click("second")))).isEqualTo(click("second"));
  }

  @Test
  void aRegistryOutOfReachForFiveSecondsIsWaitedOutAndKnownSchemasKeepDecoding() throws Exception {
    URI registry = URI.create(registryUrl);
    try (TcpForwarder path = new TcpForwarder(registry.getHost(), registry.getPort())) {
      RegistrySettings settings = RegistrySettings.of("http://127.0.0.1:" + path.port() + registry.getPath())
          .withRetries(new RegistryRetries(5, Duration.ofMillis(100), Duration.ofMinutes(1), Duration.ofSeconds(20), Duration.ofMillis(500)));
      ConfluentAvroDecoder<ClickEvent> waiting = new ConfluentAvroDecoder<>(ClickEvent.class, settings);
      ConfluentAvroDecoder<ClickEvent> known = new ConfluentAvroDecoder<>(ClickEvent.class, settings);
      MetricListener metrics = new MetricListener();
      waiting.registerRegistryMetrics(metrics.getMetricGroup());
      int before = admin.register(freshSubject(), newWriterSchema());
      assertThat(known.decode(framed(before, click("before")))).isEqualTo(click("before"));

      path.stop();
      int during = admin.register(freshSubject(), newWriterSchema());
      CompletableFuture<ClickEvent> decoded = CompletableFuture.supplyAsync(() -> {
        try {
          return waiting.decode(framed(during, click("during")));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      long outageStarted = System.nanoTime();
      assertThat(known.decode(framed(before, click("cached")))).isEqualTo(click("cached"));
      Thread.sleep(2_500);
      assertThat(decoded).isNotDone();
      assertThat(gauge(metrics, RegistryMetrics.UNAVAILABLE_SECONDS).getValue()).isBetween(2L, 3L);
      Thread.sleep(Math.max(0, 5_000 - Duration.ofNanos(System.nanoTime() - outageStarted).toMillis()));
      assertThat(decoded).isNotDone();
      path.start();

      assertThat(decoded.get(5, TimeUnit.SECONDS)).isEqualTo(click("during"));
      assertThat(gauge(metrics, RegistryMetrics.UNAVAILABLE_SECONDS).getValue()).isZero();
      // Tries at 0, 0.1, 0.3, 0.7, 1.5 s, then every 0.5 s to 5 s: 12 failures, fewer when each try takes a while.
      assertThat(gauge(metrics, RegistryMetrics.OUTAGE_RETRIES).getValue()).isBetween(9L, 13L);
      assertThat(gauge(metrics, RegistryMetrics.UNKNOWN_ID_RETRIES).getValue()).isZero();
    }
  }

  private static Gauge<Long> gauge(MetricListener metrics, String name) {
    return metrics.<Long>getGauge(name).orElseThrow();
  }
}
