package dev.customerpulse.generator;

import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.IdentityEvent;
import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.ServiceCallEvent;
import dev.customerpulse.connectors.kafka.KafkaSettings;
import dev.customerpulse.connectors.registry.ConfluentSchemaCoderProvider;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.job.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.formats.avro.RegistryAvroSerializationSchema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Produces generated events to the input topics in the Confluent wire format, as the apps would. */
public final class EventProducer implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final Topics topics;
  private final RegistryAvroSerializationSchema<ClickEvent> clicks;
  private final RegistryAvroSerializationSchema<OrderEvent> orders;
  private final RegistryAvroSerializationSchema<ServiceCallEvent> calls;
  private final RegistryAvroSerializationSchema<IdentityEvent> identities;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private long sent;

  public EventProducer(KafkaSettings kafka, RegistrySettings registry, Topics topics) {
    this.topics = topics;
    this.producer = new KafkaProducer<>(kafka.clientProperties(Map.of(
        "key.serializer", ByteArraySerializer.class.getName(),
        "value.serializer", ByteArraySerializer.class.getName(),
        "linger.ms", "10",
        "batch.size", "524288",
        "buffer.memory", "134217728",
        "client.id", "pulse-generator")));
    this.clicks = RegistryAvroSerializationSchema.forSpecific(ClickEvent.class, ConfluentSchemaCoderProvider.forWritingTo(registry, topics.clicks()));
    this.orders = RegistryAvroSerializationSchema.forSpecific(OrderEvent.class, ConfluentSchemaCoderProvider.forWritingTo(registry, topics.orders()));
    this.calls = RegistryAvroSerializationSchema.forSpecific(ServiceCallEvent.class,
        ConfluentSchemaCoderProvider.forWritingTo(registry, topics.serviceCalls()));
    this.identities = RegistryAvroSerializationSchema.forSpecific(IdentityEvent.class,
        ConfluentSchemaCoderProvider.forWritingTo(registry, topics.identities()));
  }

  public void send(GeneratedEvent event) {
    Exception failed = failure.get();
    if (failed != null) {
      throw new IllegalStateException("producing to Kafka failed: " + failed.getMessage(), failed);
    }
    byte[] value = corrupt(serialize(event), event.corruption());
    String topic = switch (event.input()) {
      case CLICKS -> topics.clicks();
      case ORDERS -> topics.orders();
      case SERVICE_CALLS -> topics.serviceCalls();
      case IDENTITIES -> topics.identities();
    };
    producer.send(new ProducerRecord<>(topic, event.key().getBytes(StandardCharsets.UTF_8), value), (metadata, error) -> {
      if (error != null) {
        failure.compareAndSet(null, error);
      } else {
        acknowledged.incrementAndGet();
      }
    });
    sent++;
  }

  public long sent() {
    return sent;
  }

  /** Records the broker has confirmed. */
  public long acknowledged() {
    return acknowledged.get();
  }

  public void flush() {
    producer.flush();
    Exception failed = failure.get();
    if (failed != null) {
      throw new IllegalStateException("producing to Kafka failed: " + failed.getMessage(), failed);
    }
  }

  private byte[] serialize(GeneratedEvent event) {
    SpecificRecord record = event.record();
    return switch (event.input()) {
      case CLICKS -> clicks.serialize((ClickEvent) record);
      case ORDERS -> orders.serialize((OrderEvent) record);
      case SERVICE_CALLS -> calls.serialize((ServiceCallEvent) record);
      case IDENTITIES -> identities.serialize((IdentityEvent) record);
    };
  }

  static byte[] corrupt(byte[] value, GeneratedEvent.Corruption corruption) {
    return switch (corruption) {
      case NONE -> value;
      case GARBAGE -> "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
      case WRONG_MAGIC_BYTE -> {
        byte[] copy = value.clone();
        copy[0] = 1;
        yield copy;
      }
      case UNKNOWN_SCHEMA_ID -> {
        byte[] copy = value.clone();
        copy[1] = 0x7f;
        copy[2] = 0x7f;
        copy[3] = 0x7f;
        copy[4] = 0x01;
        yield copy;
      }
      case TRUNCATED -> Arrays.copyOf(value, Math.max(6, value.length / 3));
      case EMPTY -> new byte[0];
    };
  }

  @Override
  public void close() {
    producer.close();
  }
}
