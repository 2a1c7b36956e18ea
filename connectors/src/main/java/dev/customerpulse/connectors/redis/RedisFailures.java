package dev.customerpulse.connectors.redis;

import redis.clients.jedis.exceptions.JedisClusterException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.exceptions.JedisRedirectionException;

/** Which Redis errors a writer retries on a new connection, and which mean the script cache is empty. */
final class RedisFailures {
  private RedisFailures() {}

  /**
   * Lost connections, and in a cluster a slot that moved (MOVED/ASK inside a pipeline), a cluster
   * that is down for a moment (CLUSTERDOWN) or a failover in progress: a new client reads the
   * topology afresh, and the writes are idempotent, so the whole batch is sent again.
   */
  static boolean retryable(RuntimeException e) {
    return e instanceof JedisConnectionException || e instanceof JedisRedirectionException
        || e instanceof JedisClusterException || e instanceof JedisClusterOperationException;
  }

  /** A server restarted or failed over and no longer knows a script (EVALSHA → NOSCRIPT). */
  static boolean noScript(JedisDataException e) {
    return e instanceof JedisNoScriptException || (e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT"));
  }
}
