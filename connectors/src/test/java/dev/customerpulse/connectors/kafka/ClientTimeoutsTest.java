package dev.customerpulse.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientTimeoutsTest {
  private final ClientTimeouts preferred = new ClientTimeouts(Duration.ofSeconds(15), Duration.ofSeconds(20));

  @Test
  void theCommandsTimeoutsWhenTheUserSetNone() {
    assertThat(preferred.under(Map.of("security.protocol", "SSL")).properties())
        .isEqualTo(Map.of("request.timeout.ms", "15000", "default.api.timeout.ms", "20000"));
  }

  @Test
  void aUsersLongerRequestTimeoutLengthensTheCallTimeoutToMatch() {
    assertThat(preferred.under(Map.of("request.timeout.ms", "45000")).properties())
        .isEqualTo(Map.of("request.timeout.ms", "45000", "default.api.timeout.ms", "45000"));
  }

  @Test
  void aUsersShorterCallTimeoutShortensTheRequestTimeoutToMatch() {
    assertThat(preferred.under(Map.of("default.api.timeout.ms", "8000")).properties())
        .isEqualTo(Map.of("request.timeout.ms", "8000", "default.api.timeout.ms", "8000"));
  }

  @Test
  void bothOfTheUsersTimeoutsAreKeptAsGiven() {
    assertThat(preferred.under(Map.of("request.timeout.ms", "40000", "default.api.timeout.ms", "90000")))
        .isEqualTo(new ClientTimeouts(Duration.ofSeconds(40), Duration.ofSeconds(90)));
  }

  @Test
  void anInvalidPairOrANonNumberIsExplainedInOneLine() {
    assertThatThrownBy(() -> preferred.under(Map.of("request.timeout.ms", "8000", "default.api.timeout.ms", "5000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Kafka client properties: default.api.timeout.ms (5000) must be no smaller than request.timeout.ms (8000)");
    assertThatThrownBy(() -> preferred.under(Map.of("request.timeout.ms", "30s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Kafka client properties: request.timeout.ms must be a number of milliseconds, not '30s'");
  }

  @Test
  void clientPropertiesCarryTheSettledTimeoutsBesideTheUsersOwn() {
    KafkaSettings kafka = new KafkaSettings("k:9092", Map.of("request.timeout.ms", "45000", "security.protocol", "SSL"));
    var props = kafka.clientProperties(Map.of("client.id", "x"), preferred);
    assertThat(props).containsEntry("request.timeout.ms", "45000").containsEntry("default.api.timeout.ms", "45000")
        .containsEntry("security.protocol", "SSL").containsEntry("client.id", "x").containsEntry("bootstrap.servers", "k:9092");
  }
}
