package dev.customerpulse.connectors.redis;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.metrics.Counter;
import redis.clients.jedis.AbstractPipeline;

/**
 * The second round trip of a batch: the segment-set and ranking changes the upserts call for. The
 * segment sets and the ranking live in other hash slots than the profile hashes, so the upsert
 * script cannot change them; this brings them in line and marks the hash's segments synced.
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

  /** Queues the segment-set and ranking changes the applied upserts call for. */
  void queue(AbstractPipeline sets, List<UpsertResult<T>> results, String syncedSha) {
    for (UpsertResult<T> result : results) {
      if (result.status == UpsertResult.APPLIED) {
        profilesWritten.inc();
      } else {
        staleWritesRefused.inc();
      }
      if (result.deleted) {
        if (result.status == UpsertResult.APPLIED) {
          Set<String> leave = split(result.segments);
          leave.addAll(split(result.synced));
          for (String segment : leave) {
            sets.srem(keys.segment(segment), result.customerId);
          }
          sets.zrem(keys.churnRisk(), result.customerId);
        }
        continue;
      }
      if (result.status == UpsertResult.APPLIED) {
        // Only for a write Redis took: batches go out one after another, so the ranking follows the
        // newest applied version of each customer.
        double rank = mapper.rank(result.profile);
        if (!Double.isNaN(rank)) {
          sets.zadd(keys.churnRisk(), rank, result.customerId);
        }
      }
      // Usually equal: segment sets change only when segments do. They also differ after a crash
      // between the upsert and this step; the replayed (refused) write then puts the sets right.
      if (!result.segments.equals(result.synced)) {
        Set<String> now = split(result.segments);
        Set<String> leave = split(result.synced);
        leave.removeAll(now);
        for (String segment : now) {
          sets.sadd(keys.segment(segment), result.customerId);
        }
        for (String segment : leave) {
          sets.srem(keys.segment(segment), result.customerId);
        }
        sets.evalsha(syncedSha, List.of(keys.profile(result.customerId)), List.of(result.segments));
      }
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
