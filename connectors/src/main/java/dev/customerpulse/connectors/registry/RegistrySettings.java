package dev.customerpulse.connectors.registry;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the Confluent-compatible schema registry is and how to talk to it.
 *
 * @param url base URL, e.g. {@code http://localhost:8081} or Apicurio's {@code .../apis/ccompat/v7}
 * @param username basic-auth user, or null for none
 * @param password basic-auth password, or null
 * @param trustStore path of a trust store for TLS to a private CA, or null for the JDK default
 * @param trustStorePassword password of the trust store, or null
 * @param autoRegister whether serializers may register a schema the subject does not have yet
 * @param requestTimeout time limit of one HTTP request
 * @param retries how unknown schema ids and registry outages (connection refused, timeouts, HTTP 5xx) are retried
 */
public record RegistrySettings(
    String url,
    String username,
    String password,
    String trustStore,
    String trustStorePassword,
    boolean autoRegister,
    Duration requestTimeout,
    RegistryRetries retries)
    implements Serializable {

  public RegistrySettings {
    Objects.requireNonNull(url, "registry url");
    int at = url.lastIndexOf('@');
    if (at >= 0) {
      // Not echoed: what comes before the '@' is a password, which the client would not even send.
      throw new IllegalArgumentException("schema registry URL must not hold a user or password ('...@"
          + url.substring(at + 1) + "'); give them as pulse.registry.username and pulse.registry.password");
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("schema registry URL '" + url + "' is not a URL: " + e.getMessage(), e);
    }
    if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
      throw new IllegalArgumentException("schema registry URL must start with http:// or https://, got '" + url + "'");
    }
    url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(retries, "retries");
  }

  /** Plain settings for a registry without auth or TLS, with {@link RegistryRetries#defaults()}. */
  public static RegistrySettings of(String url) {
    return new RegistrySettings(url, null, null, null, null, true, Duration.ofSeconds(10), RegistryRetries.defaults());
  }

  public RegistrySettings withRetries(RegistryRetries with) {
    return new RegistrySettings(url, username, password, trustStore, trustStorePassword, autoRegister, requestTimeout, with);
  }

  /** These settings with outages tolerated for {@code tolerance} (e.g. a short one for a check at start). */
  public RegistrySettings withOutageTolerance(Duration tolerance) {
    return withRetries(retries.withOutageTolerance(tolerance));
  }

  public RegistrySettings withAutoRegister(boolean register) {
    return new RegistrySettings(url, username, password, trustStore, trustStorePassword, register, requestTimeout, retries);
  }

  @Override
  public String toString() {
    // Never print the password.
    return "RegistrySettings[url=" + url + ", user=" + username + ", autoRegister=" + autoRegister + "]";
  }
}
