package dev.customerpulse.connectors.registry;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The registry client's retries, on a clock that moves only when the client sleeps (so no test
 * waits), against a loopback HTTP server that answers from a script.
 */
@Timeout(20)
class RegistryRetryPolicyTest {
  private static final Duration NO_WAIT = Duration.ZERO;

  private final ScriptedRegistry registry = new ScriptedRegistry();
  private final SteppingClock clock = new SteppingClock();
  private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void stop() {
    registry.close();
  }

  private SchemaRegistryClient client(String url, RegistryRetries retries) {
    return new SchemaRegistryClient(RegistrySettings.of(url).withRetries(retries), clock, warnings::add);
  }

  private SchemaRegistryClient client(RegistryRetries retries) {
    return client(registry.url(), retries);
  }

  private static List<Duration> millis(long... values) {
    List<Duration> durations = new ArrayList<>();
    for (long value : values) {
      durations.add(ofMillis(value));
    }
    return durations;
  }

  @Test
  void unknownIdIsAskedForSixTimesByDefaultThenItsVerdictIsKeptForAMinute() throws Exception {
    registry.answer(404);
    SchemaRegistryClient client = client(RegistryRetries.defaults());

    assertThatThrownBy(() -> client.schemaById(42)).isInstanceOf(UnknownSchemaIdException.class)
        .hasMessage("schema id 42 is not known to the registry at " + registry.url() + " (asked 6 times over 3.1 s)");
    assertThat(registry.requests()).hasSize(6).containsOnly("/schemas/ids/42");
    assertThat(clock.sleeps).isEqualTo(millis(100, 200, 400, 800, 1_600));

    // A flood of records with the same id: no request, no wait, until the verdict expires.
    for (int i = 0; i < 1_000; i++) {
      assertThatThrownBy(() -> client.schemaById(42)).isInstanceOf(UnknownSchemaIdException.class)
          .hasMessage("schema id 42 is not known to the registry at " + registry.url() + " (found unknown less than 1 min ago)");
    }
    assertThat(registry.requests()).hasSize(6);
    assertThat(clock.sleeps).hasSize(5);

    clock.advance(ofSeconds(60));
    registry.answer(200, 404);
    Schema found = client.schemaById(42);
    assertThat(found.getFullName()).isEqualTo("Thing");
    assertThat(registry.requests()).hasSize(8);
    assertThat(client.health()).isEqualTo(new RegistryHealth(0, 0, 6));
  }

  @Test
  void idThatAppearsDuringTheRetriesIsDecodedAndThenServedFromTheCache() throws Exception {
    registry.answer(200, 404, 404, 404);
    SchemaRegistryClient client = client(RegistryRetries.defaults());

    Schema schema = client.schemaById(7);

    assertThat(schema.getFullName()).isEqualTo("Thing");
    assertThat(registry.requests()).hasSize(4);
    assertThat(clock.sleeps).isEqualTo(millis(100, 200, 400));
    assertThat(client.schemaById(7)).isSameAs(schema);
    assertThat(registry.requests()).hasSize(4);
    assertThat(client.health()).isEqualTo(new RegistryHealth(0, 0, 3));
  }

  @Test
  void withoutRetriesAnUnknownIdIsADeadLetterAtTheFirst404AndNoVerdictIsKeptWithoutMemory() {
    registry.answer(404);
    SchemaRegistryClient client = client(RegistryRetries.defaults().withUnknownIdRetries(0, ofMillis(100), NO_WAIT));

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> client.schemaById(5)).isInstanceOf(UnknownSchemaIdException.class)
          .hasMessage("schema id 5 is not known to the registry at " + registry.url() + " (asked once)");
    }
    assertThat(registry.requests()).hasSize(3);
    assertThat(clock.sleeps).isEmpty();
  }

  @Test
  void serverErrorsAreRetriedWithDoublingWaitsAndTheOutageEndsWithTheFirstAnswer() throws Exception {
    registry.answer(200, 503, 500, 502);
    SchemaRegistryClient client = client(RegistryRetries.defaults());

    assertThat(client.schemaById(3).getFullName()).isEqualTo("Thing");

    assertThat(registry.requests()).hasSize(4);
    assertThat(clock.sleeps).isEqualTo(millis(100, 200, 400));
    assertThat(client.health()).isEqualTo(new RegistryHealth(0, 3, 0));
    assertThat(warnings).containsExactly("schema registry at " + registry.url() + " is unreachable (HTTP 503), for 0 ms"
        + " so far; records that need a schema not fetched yet wait for it, up to 5 min in all");
  }

  @Test
  void waitsAreCappedAndTheLastOneEndsAtTheTolerance() {
    registry.answer(503);
    SchemaRegistryClient client = client(RegistryRetries.defaults().withOutageTolerance(ofSeconds(60)));

    assertThatThrownBy(() -> client.schemaById(3)).isInstanceOf(SchemaRegistryUnavailableException.class)
        .hasMessage("schema registry at " + registry.url() + " has been unreachable for 1 min (HTTP 503), the outage"
            + " tolerance is 1 min; is it running, and is the registry URL right?");

    // 0.1 + 0.2 + 0.4 + 0.8 + 1.6 + 3.2 = 6.3 s, ten capped waits of 5 s to 56.3 s, 3.7 s to the tolerance.
    List<Duration> expected = new ArrayList<>(millis(100, 200, 400, 800, 1_600, 3_200));
    expected.addAll(Collections.nCopies(10, ofSeconds(5)));
    expected.add(ofMillis(3_700));
    assertThat(clock.sleeps).isEqualTo(expected);
    assertThat(registry.requests()).hasSize(18);
    assertThat(client.health().outageRetries()).isEqualTo(18);
    assertThat(client.health().unavailableSeconds()).isEqualTo(60);
  }

  @Test
  void refusedConnectionsFailAfterTheToleranceWithOneLineNamingTheUrl() {
    SchemaRegistryClient client = client("http://127.0.0.1:1",
        new RegistryRetries(5, ofMillis(100), ofSeconds(60), ofSeconds(1), ofMillis(400)));

    assertThatThrownBy(() -> client.schemaById(1)).isInstanceOf(SchemaRegistryUnavailableException.class)
        .hasMessage("schema registry at http://127.0.0.1:1 has been unreachable for 1 s (connection refused), the outage"
            + " tolerance is 1 s; is it running, and is the registry URL right?");
    assertThat(clock.sleeps).isEqualTo(millis(100, 200, 400, 300));
    assertThat(client.health().outageRetries()).isEqualTo(5);
  }

  @Test
  void aToleranceOfZeroFailsAtTheFirstOutageError() {
    SchemaRegistryClient client = client("http://127.0.0.1:1", RegistryRetries.defaults().withOutageTolerance(NO_WAIT));

    assertThatThrownBy(() -> client.subjects()).isInstanceOf(SchemaRegistryUnavailableException.class)
        .hasMessage("schema registry at http://127.0.0.1:1 has been unreachable for 0 ms (connection refused), the outage"
            + " tolerance is 0 ms; is it running, and is the registry URL right?");
    assertThat(clock.sleeps).isEmpty();
  }

  @Test
  void anOutageIsWarnedAboutAtMostOnceAMinute() {
    registry.answer(503);
    SchemaRegistryClient client = client(RegistryRetries.defaults().withOutageTolerance(Duration.ofSeconds(210)));

    assertThatThrownBy(() -> client.schemaById(3)).isInstanceOf(SchemaRegistryUnavailableException.class);

    // Tries at 0, 0.1, 0.3, 0.7, 1.5, 3.1, 6.3 s, then every 5 s: warned at 0, 61.3, 121.3 and 181.3 s.
    String tail = " so far; records that need a schema not fetched yet wait for it, up to 3 min 30 s in all";
    String head = "schema registry at " + registry.url() + " is unreachable (HTTP 503), for ";
    assertThat(warnings).containsExactly(head + "0 ms" + tail, head + "1 min 1 s" + tail, head + "2 min 1 s" + tail,
        head + "3 min 1 s" + tail);
  }

  @Test
  void refusedCredentialsAreNotRetried() {
    registry.answer(401);
    SchemaRegistryClient client = client(RegistryRetries.defaults());

    assertThatThrownBy(() -> client.schemaById(3)).isInstanceOfSatisfying(SchemaRegistryException.class,
        e -> assertThat(e.httpStatus()).isEqualTo(401))
        .hasMessage("schema registry at " + registry.url() + " refused the credentials (HTTP 401) when trying to fetch"
            + " schema id 3; check the registry user and password");
    registry.answer(403);
    assertThatThrownBy(() -> client.subjects()).isInstanceOfSatisfying(SchemaRegistryException.class,
        e -> assertThat(e.httpStatus()).isEqualTo(403));
    assertThat(registry.requests()).hasSize(2);
    assertThat(clock.sleeps).isEmpty();
  }

  @Test
  void schemasFetchedBeforeAnOutageKeepServingDuringIt() throws Exception {
    SchemaRegistryClient client = client(RegistryRetries.defaults());
    Schema before = client.schemaById(11);
    registry.close();

    assertThat(client.schemaById(11)).isSameAs(before);
    assertThat(clock.sleeps).isEmpty();
    assertThat(client.health()).isEqualTo(new RegistryHealth(0, 0, 0));
  }

  @Test
  void verdictsAreBoundedInNumber() {
    UnknownIdVerdicts verdicts = new UnknownIdVerdicts(ofSeconds(60));
    for (int id = 0; id < UnknownIdVerdicts.MOST_IDS; id++) {
      verdicts.remember(id, 0);
    }
    assertThat(verdicts.size()).isEqualTo(UnknownIdVerdicts.MOST_IDS);
    verdicts.remember(-1, ofSeconds(1).toNanos());
    assertThat(verdicts.size()).isEqualTo(1);
    assertThat(verdicts.stillUnknown(-1, ofSeconds(60).toNanos())).isTrue();
    assertThat(verdicts.stillUnknown(-1, ofSeconds(61).toNanos())).isFalse();
    assertThat(verdicts.stillUnknown(0, ofSeconds(2).toNanos())).isFalse();
  }

  @Test
  void durationsReadAsPeopleWriteThem() {
    assertThat(RegistryRetries.describe(ofMillis(300))).isEqualTo("300 ms");
    assertThat(RegistryRetries.describe(ofMillis(3_100))).isEqualTo("3.1 s");
    assertThat(RegistryRetries.describe(ofSeconds(5))).isEqualTo("5 s");
    assertThat(RegistryRetries.describe(Duration.ofMinutes(5))).isEqualTo("5 min");
    assertThat(RegistryRetries.describe(ofSeconds(150))).isEqualTo("2 min 30 s");
  }
}
