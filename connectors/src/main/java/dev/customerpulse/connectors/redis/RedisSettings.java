package dev.customerpulse.connectors.redis;

import java.io.Serializable;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.SslOptions;

/**
 * How to reach Redis: {@code redis://[user[:password]@]host[:port][/database]}, or {@code rediss://}
 * for TLS (the JDK trust store applies; pass -Djavax.net.ssl.trustStore for a private CA).
 */
public record RedisSettings(String host, int port, String username, String password, boolean tls, int database,
    int timeoutMillis) implements Serializable {

  public static RedisSettings parse(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Redis URL '" + url + "' is not a URL; expected redis://host:port", e);
    }
    if (uri.getScheme() == null || !(uri.getScheme().equals("redis") || uri.getScheme().equals("rediss")) || uri.getHost() == null) {
      throw new IllegalArgumentException("Redis URL '" + url + "' must look like redis://[user:password@]host:port[/db] (rediss:// for TLS)");
    }
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      if (parts.length == 2) {
        user = parts[0].isEmpty() ? null : decode(parts[0]);
        password = decode(parts[1]);
      } else {
        password = decode(parts[0]);
      }
    }
    int database = 0;
    String path = uri.getPath();
    if (path != null && path.length() > 1) {
      try {
        database = Integer.parseInt(path.substring(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Redis URL '" + url + "' has database '" + path.substring(1) + "'; it must be a number");
      }
    }
    return new RedisSettings(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), user, password,
        uri.getScheme().equals("rediss"), database, 5_000);
  }

  /** These settings with the ACL user and password replaced where given (kept out of the URL, e.g. from a Secret). */
  public RedisSettings withCredentials(String user, String secret) {
    return new RedisSettings(host, port, user != null ? user : username, secret != null ? secret : password, tls, database,
        timeoutMillis);
  }

  public Jedis connect() {
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .clientName("customer-pulse")
        .database(database)
        .timeoutMillis(timeoutMillis);
    if (tls) {
      // JDK trust store and full host-name verification.
      config.sslOptions(SslOptions.defaults());
    }
    if (username != null) {
      config.user(username);
    }
    if (password != null) {
      config.password(password);
    }
    return new Jedis(new HostAndPort(host, port), config.build());
  }

  /** Printable form without the password. */
  public String displayUrl() {
    return (tls ? "rediss://" : "redis://") + (username == null ? "" : username + "@") + host + ":" + port
        + (database == 0 ? "" : "/" + database);
  }

  @Override
  public String toString() {
    return "RedisSettings[" + displayUrl() + "]";
  }

  private static String decode(String part) {
    return URLDecoder.decode(part, StandardCharsets.UTF_8);
  }
}
