package dev.customerpulse.connectors.redis;

import java.util.Locale;
import redis.clients.jedis.exceptions.JedisClusterException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.exceptions.JedisRedirectionException;

/**
 * What a Redis error means to a writer: an outage that passes (retried with backoff within
 * pulse.redis.outage-tolerance), a refusal of one key that no retry will fix (a failed write of that
 * customer), a lost script cache, or anything else (the task fails).
 */
final class RedisFailures {
  private RedisFailures() {}

  /**
   * Errors that pass by themselves: lost connections and timeouts; in a cluster a slot that moved
   * (MOVED/ASK inside a pipeline), a cluster down for a moment (CLUSTERDOWN, TRYAGAIN) or a failover
   * in progress; a replica written to during a failover (READONLY); a server out of memory under its
   * maxmemory (OOM: eviction or an operator frees it); a server still loading its data after a
   * restart (LOADING) or whose primary is down (MASTERDOWN); a script running too long (BUSY). Writes
   * are idempotent, so the whole batch is sent again on a new connection.
   */
  static boolean outage(RuntimeException e) {
    if (e instanceof JedisConnectionException || e instanceof JedisRedirectionException
        || e instanceof JedisClusterException || e instanceof JedisClusterOperationException) {
      return true;
    }
    return e instanceof JedisDataException && replyCode(e) != null && !"WRONGTYPE".equals(replyCode(e));
  }

  /**
   * A refusal of one key that no retry will fix: the key holds another type than the writer's
   * (WRONGTYPE, e.g. someone SET a string at a profile hash's key). The write of that customer fails;
   * the rest of the batch is written.
   */
  static boolean perKey(RuntimeException e) {
    return e instanceof JedisDataException && "WRONGTYPE".equals(replyCode(e));
  }

  /** A short name of an outage for the log lines. */
  static String outageKind(RuntimeException e) {
    String code = replyCode(e);
    if (code == null) {
      return e instanceof JedisConnectionException ? "connection lost" : "cluster reconfiguring";
    }
    return switch (code) {
      case "READONLY" -> "READONLY: writing to a replica, failover in progress";
      case "OOM" -> "OOM: Redis is at its maxmemory and refuses writes";
      case "LOADING" -> "LOADING: Redis is loading its data after a restart";
      case "MASTERDOWN" -> "MASTERDOWN: the replica's primary is down";
      case "BUSY" -> "BUSY: a script runs too long";
      default -> code;
    };
  }

  /**
   * The error code of a reply that means an outage or a per-key refusal, found also inside a script's
   * error ("ERR user_script:…: -READONLY …"): READONLY, OOM, LOADING, MASTERDOWN, BUSY, TRYAGAIN,
   * CLUSTERDOWN or WRONGTYPE; null for any other.
   */
  private static String replyCode(RuntimeException e) {
    String message = e.getMessage() == null ? "" : e.getMessage().toUpperCase(Locale.ROOT);
    if (message.contains("WRONGTYPE")) {
      return "WRONGTYPE";
    }
    if (message.contains("READONLY")) {
      return "READONLY";
    }
    if (message.contains("OOM COMMAND NOT ALLOWED")) {
      return "OOM";
    }
    for (String code : new String[] {"LOADING", "MASTERDOWN", "BUSY", "TRYAGAIN", "CLUSTERDOWN"}) {
      if (message.startsWith(code) || message.contains("-" + code + " ") || message.contains(": " + code + " ")) {
        return code;
      }
    }
    return null;
  }

  /** A server restarted or failed over and no longer knows a script (EVALSHA → NOSCRIPT). */
  static boolean noScript(JedisDataException e) {
    return e instanceof JedisNoScriptException || (e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT"));
  }
}
