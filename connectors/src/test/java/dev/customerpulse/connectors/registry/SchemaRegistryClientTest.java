package dev.customerpulse.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.localstack.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real Confluent-compatible registry (Apicurio, in memory). */
class SchemaRegistryClientTest {
  private static RegistrySettings settings;

  @BeforeAll
  static void registry() {
    settings = RegistrySettings.of(LocalStack.shared().registryUrl());
  }

  private static String freshSubject() {
    return "test-" + UUID.randomUUID() + "-value";
  }

  @Test
  void registeredSchemaIsFoundByLookupAndById() throws Exception {
    String subject = freshSubject();
    int id = new SchemaRegistryClient(settings).register(subject, ClickEvent.getClassSchema());

    SchemaRegistryClient other = new SchemaRegistryClient(settings);
    assertThat(other.lookup(subject, ClickEvent.getClassSchema())).isEqualTo(OptionalInt.of(id));
    assertThat(other.schemaById(id)).isEqualTo(ClickEvent.getClassSchema());
    assertThat(other.latestId(subject)).isEqualTo(OptionalInt.of(id));
    assertThat(other.subjects()).contains(subject);
  }

  @Test
  void registeringTheSameSchemaAgainReturnsTheSameId() throws Exception {
    String subject = freshSubject();
    int first = new SchemaRegistryClient(settings).register(subject, ClickEvent.getClassSchema());
    int second = new SchemaRegistryClient(settings).register(subject, ClickEvent.getClassSchema());
    assertThat(second).isEqualTo(first);
  }

  @Test
  void concurrentRegistrationsOfOneNewSubjectAllGetTheSameId() throws Exception {
    String subject = freshSubject();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> writers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        writers.add(() -> new SchemaRegistryClient(settings).register(subject, ClickEvent.getClassSchema()));
      }
      List<Integer> ids = new ArrayList<>();
      for (Future<Integer> id : pool.invokeAll(writers)) {
        ids.add(id.get());
      }
      assertThat(ids).hasSize(8).containsOnly(ids.get(0));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void incompatibleSchemaIsRefusedWithTheSubjectInTheMessage() throws Exception {
    String subject = freshSubject();
    SchemaRegistryClient client = new SchemaRegistryClient(settings);
    Schema v1 = SchemaBuilder.record("Thing").namespace("t").fields().requiredString("id").endRecord();
    Schema noDefault = SchemaBuilder.record("Thing").namespace("t").fields()
        .requiredString("id").requiredInt("size").endRecord();
    client.register(subject, v1);
    client.setCompatibility(subject, "BACKWARD");

    assertThatThrownBy(() -> client.register(subject, noDefault))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("incompatible")
        .hasMessageContaining(subject);
    assertThat(((SchemaRegistryException) catchThrowable(() -> client.register(subject, noDefault))).httpStatus())
        .isEqualTo(409);
  }

  @Test
  void unknownIdSaysWhichIdAndRegistryAndHowOftenItWasAskedFor() {
    SchemaRegistryClient client = new SchemaRegistryClient(settings.withRetries(
        RegistryRetries.defaults().withUnknownIdRetries(2, Duration.ofMillis(10), Duration.ofMinutes(1))));
    assertThatThrownBy(() -> client.schemaById(987_654))
        .isInstanceOf(UnknownSchemaIdException.class)
        .hasMessage("schema id 987654 is not known to the registry at " + settings.url() + " (asked 3 times over 30 ms)");
    assertThat(client.health()).isEqualTo(new RegistryHealth(0, 0, 2));
  }

  @Test
  void lookupOfAMissingSubjectIsEmpty() throws Exception {
    assertThat(new SchemaRegistryClient(settings).lookup(freshSubject(), ClickEvent.getClassSchema())).isEmpty();
  }

  @Test
  void writingWithoutAutoRegistrationNeedsARegisteredSchema() {
    SchemaRegistryClient client = new SchemaRegistryClient(settings.withAutoRegister(false));
    String subject = freshSubject();
    assertThatThrownBy(() -> client.idForWriting(subject, ClickEvent.getClassSchema()))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("not registered under subject " + subject)
        .hasMessageContaining("pulse schemas register");
  }

  @Test
  void urlWithoutHttpSchemeIsRejectedUpFront() {
    assertThatThrownBy(() -> RegistrySettings.of("localhost:8081"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schema registry URL must start with http:// or https://, got 'localhost:8081'");
  }

  private static Throwable catchThrowable(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    return org.assertj.core.api.Assertions.catchThrowable(call);
  }
}
