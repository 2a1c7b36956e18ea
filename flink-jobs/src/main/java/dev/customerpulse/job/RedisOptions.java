package dev.customerpulse.job;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;

/** Redis, where profiles and segments are served from, and how the job writes it. A section of {@link PulseOptions}. */
public interface RedisOptions {
  ConfigOption<String> REDIS_URL = key("pulse.redis.url")
      .stringType().noDefaultValue()
      .withDescription("Redis to serve profiles from: redis://[user:password@]host:port[/db], rediss:// for TLS. For a Redis"
          + " Cluster (pulse.redis.cluster) one or more seed nodes: redis://host1:port1,host2:port2. Required.");

  ConfigOption<Boolean> REDIS_CLUSTER = key("pulse.redis.cluster")
      .booleanType().defaultValue(false)
      .withDescription("Whether pulse.redis.url names nodes of a Redis Cluster. Each key then goes to its slot's node;"
          + " a customer's keys share a slot through the hash tag in their names (see the Redis key contract).");

  ConfigOption<String> REDIS_USERNAME = key("pulse.redis.username")
      .stringType().noDefaultValue().withDescription("Redis ACL user; overrides the one in pulse.redis.url.");

  ConfigOption<String> REDIS_PASSWORD = key("pulse.redis.password")
      .stringType().noDefaultValue()
      .withDescription("Redis password; overrides the one in pulse.redis.url. Give it as PULSE_REDIS_PASSWORD (e.g. from a"
          + " Kubernetes Secret) to keep it out of configuration files.");

  ConfigOption<String> REDIS_TRUSTSTORE = key("pulse.redis.truststore")
      .stringType().noDefaultValue()
      .withDescription("Trust store (.p12 or .jks) for a rediss:// server whose certificate a private CA signed; unset, the"
          + " JDK's certificate authorities apply. The host name is always verified.");

  ConfigOption<String> REDIS_TRUSTSTORE_PASSWORD = key("pulse.redis.truststore-password")
      .stringType().noDefaultValue().withDescription("Password of the Redis trust store.");

  ConfigOption<String> REDIS_KEY_PREFIX = key("pulse.redis.key-prefix")
      .stringType().defaultValue("cp").withDescription("First part of every Redis key (see the Redis key contract).");

  ConfigOption<Integer> REDIS_BATCH_SIZE = key("pulse.redis.batch-size")
      .intType().defaultValue(2_000)
      .withDescription("Distinct customers buffered per Redis writer before a pipelined flush.");

  ConfigOption<Duration> REDIS_LINGER = key("pulse.redis.linger")
      .durationType().defaultValue(Duration.ofMillis(100))
      .withDescription("Longest time a profile update waits before it is flushed to Redis. Longer coalesces more"
          + " updates of busy customers into one write; shorter is fresher.");

  ConfigOption<Duration> REDIS_OUTAGE_TOLERANCE = key("pulse.redis.outage-tolerance")
      .durationType().defaultValue(Duration.ofMinutes(5))
      .withDescription("How long the Redis writers ride out an outage (connection lost, READONLY during a failover, OOM at"
          + " maxmemory, LOADING after a restart) before the task fails: they retry with backoff from 100 ms to 5 s while"
          + " the job is back-pressured, holding at most two batches. Keep it below execution.checkpointing.timeout, or"
          + " the checkpoint waiting for the writers' flush times out first. 0 fails at the first error.");

  ConfigOption<Duration> REDIS_REFILL_CHECK_INTERVAL = key("pulse.redis.refill-check-interval")
      .durationType().defaultValue(Duration.ofSeconds(10))
      .withDescription("How often each profile-operator instance reads the generation marker (cp:{meta}:generation). A"
          + " missing marker (Redis restarted empty or flushed) or a new one ('pulse redis rebuild') makes every instance"
          + " write every profile it holds to Redis again. 0 turns the check off.");

  ConfigOption<Integer> REDIS_REMEMBERED_PROFILES = key("pulse.redis.remembered-profiles")
      .intType().defaultValue(50_000)
      .withDescription("Profiles each Redis writer remembers, so that the next write of the same customer sends only the"
          + " fields that changed (checked against the version in Redis). 0 writes every profile in full.");
}
