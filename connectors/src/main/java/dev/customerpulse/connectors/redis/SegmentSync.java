package dev.customerpulse.connectors.redis;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.flink.metrics.Counter;
import redis.clients.jedis.AbstractPipeline;

/**
 * The second round trip of a batch: the segment-set, consent-set and ranking changes the upserts call
 * for. Those sets and the ranking live in other hash slots than the profile hashes, so the upsert
 * script cannot change them; this brings them in line and marks the hash's segments (and consents)
 * synced.
 */
final class SegmentSync<T> {
  private final RedisKeys keys;
  private final RedisProfileMapper<T> mapper;
  private final Counter profilesWritten;
  private final Counter staleWritesRefused;

  SegmentSync(RedisKeys keys, RedisProfileMapper<T> mapper, Counter profilesWritten, Counter staleWritesRefused) {
    this.keys = keys;
    this.mapper = mapper;
    this.profilesWritten = profilesWritten;
    this.staleWritesRefused = staleWritesRefused;
  }

  /** Queues the segment-set, consent-set and ranking changes the applied upserts call for. */
  void queue(AbstractPipeline sets, List<UpsertResult<T>> results, String syncedSha) {
    for (UpsertResult<T> result : results) {
      if (result.status == UpsertResult.FAILED) {
        // Refused for its key alone: handed to the failed writes, nothing to bring in line.
        continue;
      }
      if (result.status == UpsertResult.APPLIED) {
        profilesWritten.inc();
      } else {
        staleWritesRefused.inc();
      }
      if (result.deleted) {
        if (result.status == UpsertResult.APPLIED) {
          leaveAll(sets, result.segments, result.synced, keys::segment, result.customerId);
          leaveAll(sets, result.consents, result.consentsSynced, keys::consent, result.customerId);
          sets.zrem(keys.churnRisk(), result.customerId);
        }
        continue;
      }
      if (result.status == UpsertResult.APPLIED || result.status == UpsertResult.SAME) {
        // Only for a write Redis took (or took before, when a batch is sent again after an outage):
        // batches go out one after another, so the ranking follows the newest applied version of each customer.
        double rank = result.restricted ? Double.NaN : mapper.rank(result.profile);
        if (!Double.isNaN(rank)) {
          sets.zadd(keys.churnRisk(), rank, result.customerId);
        } else if (result.restricted) {
          sets.zrem(keys.churnRisk(), result.customerId);
        }
      }
      // Usually equal: member sets change only when segments (or consents) do. They also differ
      // after a crash between the upsert and this step; the replayed (refused) write then puts the
      // sets right.
      // A refill puts the sets in line in any case: Redis may have lost them with the hashes.
      if (!result.segments.equals(result.synced)) {
        sync(sets, result.segments, result.synced, keys::segment, result.customerId);
        sets.evalsha(syncedSha, List.of(keys.profile(result.customerId)), List.of("segments", result.segments));
      } else if (result.refill) {
        sync(sets, result.segments, result.synced, keys::segment, result.customerId);
      }
      if (!result.consents.equals(result.consentsSynced)) {
        sync(sets, result.consents, result.consentsSynced, keys::consent, result.customerId);
        sets.evalsha(syncedSha, List.of(keys.profile(result.customerId)), List.of("consents", result.consents));
      } else if (result.refill) {
        sync(sets, result.consents, result.consentsSynced, keys::consent, result.customerId);
      }
    }
  }

  /** Puts the customer in the sets of {@code now} and takes them out of those only in {@code synced}. */
  private static void sync(AbstractPipeline sets, String now, String synced, Function<String, String> key, String customerId) {
    Set<String> in = split(now);
    Set<String> leave = split(synced);
    leave.removeAll(in);
    for (String member : in) {
      sets.sadd(key.apply(member), customerId);
    }
    for (String member : leave) {
      sets.srem(key.apply(member), customerId);
    }
  }

  /** Takes a deleted customer out of every set either list names. */
  private static void leaveAll(AbstractPipeline sets, String stored, String synced, Function<String, String> key,
      String customerId) {
    Set<String> leave = split(stored);
    leave.addAll(split(synced));
    for (String member : leave) {
      sets.srem(key.apply(member), customerId);
    }
  }

  /** Segments as the hash's {@code segments} field holds them: comma-separated. */
  static String join(List<String> segments) {
    for (String segment : segments) {
      if (segment.indexOf(',') >= 0) {
        throw new IllegalArgumentException("segment names must not contain ',': " + segment);
      }
    }
    return String.join(",", segments);
  }

  static Set<String> split(String segments) {
    Set<String> out = new LinkedHashSet<>();
    if (segments != null && !segments.isEmpty()) {
      out.addAll(Arrays.asList(segments.split(",")));
    }
    return out;
  }
}
