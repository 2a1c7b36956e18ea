package dev.customerpulse.connectors.kafka;

import java.time.Duration;
import java.util.Map;

/**
 * How long a command's Kafka client waits: for one request (request.timeout.ms) and for a whole
 * call with its retries (default.api.timeout.ms). Kafka refuses a client whose call timeout is below
 * its request timeout (its own defaults are 30 s and 60 s), so a command's preferred values give way
 * to those the user set, and the one the user left alone moves to keep the pair valid.
 */
public record ClientTimeouts(Duration request, Duration call) {
  public static final String REQUEST_TIMEOUT = "request.timeout.ms";
  public static final String CALL_TIMEOUT = "default.api.timeout.ms";

  public ClientTimeouts {
    if (call.compareTo(request) < 0) {
      throw new IllegalArgumentException("Kafka client properties: " + CALL_TIMEOUT + " (" + call.toMillis()
          + ") must be no smaller than " + REQUEST_TIMEOUT + " (" + request.toMillis() + ")");
    }
  }

  /** These timeouts where the user's client properties leave them free. */
  public ClientTimeouts under(Map<String, String> user) {
    Duration userRequest = millis(user, REQUEST_TIMEOUT);
    Duration userCall = millis(user, CALL_TIMEOUT);
    if (userRequest != null && userCall != null) {
      return new ClientTimeouts(userRequest, userCall);
    }
    if (userRequest != null) {
      return new ClientTimeouts(userRequest, max(call, userRequest));
    }
    if (userCall != null) {
      return new ClientTimeouts(min(request, userCall), userCall);
    }
    return this;
  }

  /** The two client properties. */
  public Map<String, String> properties() {
    return Map.of(REQUEST_TIMEOUT, Long.toString(request.toMillis()), CALL_TIMEOUT, Long.toString(call.toMillis()));
  }

  private static Duration millis(Map<String, String> properties, String key) {
    String value = properties.get(key);
    if (value == null) {
      return null;
    }
    try {
      return Duration.ofMillis(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Kafka client properties: " + key + " must be a number of milliseconds, not '"
          + value + "'");
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
