package dev.customerpulse.connectors.redis;

import java.io.Serializable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.UnifiedJedis;

/**
 * How to reach Redis: {@code redis://[user[:password]@]host[:port][/database]}, or {@code rediss://}
 * for TLS (with {@code trustStore}, or else the JDK's, and full host-name verification). For Redis
 * Cluster the URL names one or more seed nodes, {@code redis://host1:port1,host2:port2}; the client
 * discovers the rest of the cluster from them.
 *
 * @param trustStore a .p12 or .jks trust store for TLS to a server with a private CA, or null for the JDK's
 * @param trustStorePassword its password, or null
 */
public record RedisSettings(List<HostAndPort> nodes, String username, String password, boolean tls, int database,
    int timeoutMillis, boolean cluster, String trustStore, String trustStorePassword) implements Serializable {

  /**
   * Scheme, user information, hosts, database. No part after the user information may hold an '@': a
   * password with an unencoded '/' or '@' must not be read as hosts or a database, whose values the
   * messages repeat.
   */
  private static final Pattern URL = Pattern.compile("(rediss?)://(?:([^@/]*)@)?([^/@]+)(?:/([^/@]*))?");

  public RedisSettings {
    nodes = List.copyOf(nodes);
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("Redis needs at least one host");
    }
    if (!cluster && nodes.size() > 1) {
      throw new IllegalArgumentException("several Redis hosts are seed nodes of a Redis Cluster; set pulse.redis.cluster=true"
          + " or give one host");
    }
    if (cluster && database != 0) {
      throw new IllegalArgumentException("Redis Cluster has database 0 only; remove /" + database + " from the URL");
    }
  }

  /** Settings that trust the JDK's certificate authorities. */
  public RedisSettings(List<HostAndPort> nodes, String username, String password, boolean tls, int database,
      int timeoutMillis, boolean cluster) {
    this(nodes, username, password, tls, database, timeoutMillis, cluster, null, null);
  }

  public static RedisSettings parse(String url) {
    Matcher m = url == null ? null : URL.matcher(url.strip());
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("Redis URL '" + redacted(url) + "' must look like redis://[user:password@]host:port[/db]"
          + " (rediss:// for TLS; host1:port1,host2:port2 for the seed nodes of a cluster)");
    }
    String user = null;
    String password = null;
    if (m.group(2) != null) {
      String[] parts = m.group(2).split(":", 2);
      if (parts.length == 2) {
        user = parts[0].isEmpty() ? null : decode(parts[0]);
        password = decode(parts[1]);
      } else {
        password = decode(parts[0]);
      }
    }
    List<HostAndPort> nodes = new ArrayList<>();
    for (String node : m.group(3).split(",")) {
      nodes.add(node(url, node.strip()));
    }
    int database = 0;
    if (m.group(4) != null && !m.group(4).isEmpty()) {
      try {
        database = Integer.parseInt(m.group(4));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Redis URL '" + redacted(url) + "' has database '" + m.group(4) + "'; it must be a number");
      }
    }
    // Parsed as standalone first only when there is one host; several hosts are checked in withCluster.
    return new RedisSettings(nodes, user, password, m.group(1).equals("rediss"), database, 5_000, nodes.size() > 1);
  }

  /** host, host:port, [ipv6] or [ipv6]:port; the port defaults to 6379. */
  private static HostAndPort node(String url, String node) {
    String host = node;
    String port = null;
    if (node.startsWith("[")) {
      int end = node.indexOf(']');
      if (end < 0) {
        throw new IllegalArgumentException("Redis URL '" + redacted(url) + "' has an unclosed [ in host '" + node + "'");
      }
      host = node.substring(1, end);
      port = node.length() > end + 1 && node.charAt(end + 1) == ':' ? node.substring(end + 2) : null;
    } else if (node.indexOf(':') >= 0) {
      host = node.substring(0, node.indexOf(':'));
      port = node.substring(node.indexOf(':') + 1);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("Redis URL '" + redacted(url) + "' has an empty host");
    }
    if (port == null) {
      return new HostAndPort(host, 6379);
    }
    try {
      int number = Integer.parseInt(port);
      if (number < 1 || number > 65535) {
        throw new NumberFormatException();
      }
      return new HostAndPort(host, number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Redis URL '" + redacted(url) + "' has port '" + port + "'; it must be a number 1-65535");
    }
  }

  /** These settings with the ACL user and password replaced where given (kept out of the URL, e.g. from a Secret). */
  public RedisSettings withCredentials(String user, String secret) {
    return new RedisSettings(nodes, user != null ? user : username, secret != null ? secret : password, tls, database,
        timeoutMillis, cluster, trustStore, trustStorePassword);
  }

  /** These settings trusting the certificates in {@code store} (.p12 or .jks) for TLS; null keeps the JDK's. */
  public RedisSettings withTrustStore(String store, String storePassword) {
    return new RedisSettings(nodes, username, password, tls, database, timeoutMillis, cluster, store, storePassword);
  }

  /** These settings for a Redis Cluster (the hosts are seed nodes) or a standalone server. */
  public RedisSettings withCluster(boolean clusterMode) {
    return new RedisSettings(nodes, username, password, tls, database, timeoutMillis, clusterMode, trustStore,
        trustStorePassword);
  }

  /**
   * A client: a {@link RedisClusterClient} that routes each key to its slot's node, or a pooled
   * {@link RedisClient} for one server. Callers close it.
   */
  public UnifiedJedis connect() {
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .clientName("customer-pulse")
        .timeoutMillis(timeoutMillis);
    if (!cluster) {
      config.database(database);
    }
    if (tls) {
      config.sslOptions(sslOptions());
    }
    if (username != null) {
      config.user(username);
    }
    if (password != null) {
      config.password(password);
    }
    if (cluster) {
      return RedisClusterClient.builder().nodes(new LinkedHashSet<>(nodes)).clientConfig(config.build()).build();
    }
    return RedisClient.builder().hostAndPort(nodes.get(0)).clientConfig(config.build()).build();
  }

  /** Full host-name verification, against the given trust store or the JDK's. */
  private SslOptions sslOptions() {
    if (trustStore == null) {
      return SslOptions.defaults();
    }
    return SslOptions.builder()
        .truststore(new java.io.File(trustStore), trustStorePassword == null ? null : trustStorePassword.toCharArray())
        .trustStoreType(trustStore.endsWith(".jks") ? "JKS" : "PKCS12")
        .sslVerifyMode(redis.clients.jedis.SslVerifyMode.FULL)
        .build();
  }

  /** Printable form without the password. */
  public String displayUrl() {
    return (tls ? "rediss://" : "redis://") + (username == null ? "" : username + "@")
        + nodes.stream().map(n -> n.getHost().contains(":") ? "[" + n.getHost() + "]:" + n.getPort() : n.toString())
            .collect(Collectors.joining(","))
        + (database == 0 ? "" : "/" + database) + (cluster ? " (cluster)" : "");
  }

  @Override
  public String toString() {
    return "RedisSettings[" + displayUrl() + "]";
  }

  /** The URL for messages: a password in it is replaced by ***. */
  static String redacted(String url) {
    int at = url == null ? -1 : url.lastIndexOf('@');
    if (at < 0) {
      return url;
    }
    int scheme = url.indexOf("://");
    int start = scheme >= 0 && scheme < at ? scheme + 3 : 0;
    int colon = url.indexOf(':', start);
    return url.substring(0, colon >= 0 && colon < at ? colon + 1 : start) + "***" + url.substring(at);
  }

  private static String decode(String part) {
    return URLDecoder.decode(part, StandardCharsets.UTF_8);
  }
}
