package dev.customerpulse.connectors.kafka;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How to reach the Kafka cluster.
 *
 * @param bootstrapServers comma-separated host:port list
 * @param clientProperties extra client properties passed through to every consumer, producer and
 *     admin client unchanged: security.protocol, sasl.mechanism, sasl.jaas.config, ssl.* and so on
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> clientProperties) implements Serializable {

  public KafkaSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("Kafka bootstrap servers are empty; give host:port[,host:port...]");
    }
    clientProperties = Map.copyOf(clientProperties == null ? Map.of() : clientProperties);
  }

  public static KafkaSettings of(String bootstrapServers) {
    return new KafkaSettings(bootstrapServers, Map.of());
  }

  /** Bootstrap servers plus the pass-through properties, ready for a Kafka client. */
  public Properties clientProperties(Map<String, String> overrides) {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.putAll(overrides);
    props.put("bootstrap.servers", bootstrapServers);
    return props;
  }

  /**
   * Client properties for a command-line tool's client, with its preferred timeouts where the user
   * set none (see {@link ClientTimeouts#under}); {@code overrides} must not hold timeouts.
   */
  public Properties clientProperties(Map<String, String> overrides, ClientTimeouts preferred) {
    Properties props = clientProperties(overrides);
    props.putAll(timeouts(preferred).properties());
    return props;
  }

  /** The timeouts a client built with {@link #clientProperties(Map, ClientTimeouts)} waits with. */
  public ClientTimeouts timeouts(ClientTimeouts preferred) {
    return preferred.under(clientProperties);
  }

  @Override
  public String toString() {
    // Client properties can hold SASL passwords: print their keys only.
    return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", properties=" + new TreeMap<>(clientProperties).keySet() + "]";
  }
}
