package dev.customerpulse.chaos;

import dev.customerpulse.avro.ChurnAlert;
import dev.customerpulse.avro.CustomerProfile;
import dev.customerpulse.avro.DateTrigger;
import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.connectors.kafka.CommittedTopics;
import dev.customerpulse.connectors.kafka.ConfluentAvroDecoder;
import dev.customerpulse.connectors.kafka.KafkaSettings;
import dev.customerpulse.connectors.redis.RedisSettings;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.job.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Everything one run's job wrote: the committed records of its output topics, in order, and its
 * Redis keys (stream entries aside: their ids are the time of writing).
 *
 * @param profiles the latest {@code customer-profiles} record per key (a tombstone removes the key)
 * @param redis each Redis key, without the run's prefix, with its content in a canonical text form; a hash
 *     as one entry per field ({@code key#field})
 */
record RunOutputs(Map<String, CustomerProfile> profiles, List<SegmentChange> segmentChanges, List<ChurnAlert> churnAlerts,
    List<DateTrigger> dateTriggers, List<DeadLetter> deadLetters, Map<String, String> redis) {

  static RunOutputs read(String run, KafkaSettings kafka, RegistrySettings registry, RedisSettings redisSettings)
      throws Exception {
    Topics topics = ChaosJobs.topics(run);
    Map<String, CustomerProfile> profiles = new TreeMap<>();
    ConfluentAvroDecoder<CustomerProfile> profileDecoder = new ConfluentAvroDecoder<>(CustomerProfile.class, registry);
    CommittedTopics.replay(kafka, topics.customerProfiles(), record -> {
      String key = new String(record.key(), StandardCharsets.UTF_8);
      if (record.value() == null) {
        profiles.remove(key);
      } else {
        profiles.put(key, profileDecoder.decode(record.value()));
      }
    });
    return new RunOutputs(profiles, all(kafka, registry, topics.segmentChanges(), SegmentChange.class),
        all(kafka, registry, topics.churnAlerts(), ChurnAlert.class), all(kafka, registry, topics.dateTriggers(), DateTrigger.class),
        all(kafka, registry, topics.deadLetters(), DeadLetter.class), redis(redisSettings, ChaosJobs.redisPrefix(run)));
  }

  private static <T extends SpecificRecord> List<T> all(KafkaSettings kafka, RegistrySettings registry, String topic,
      Class<T> type) throws Exception {
    ConfluentAvroDecoder<T> decoder = new ConfluentAvroDecoder<>(type, registry);
    List<T> records = new ArrayList<>();
    CommittedTopics.replay(kafka, topic, record -> records.add(decoder.decode(record.value())));
    return records;
  }

  private static Map<String, String> redis(RedisSettings settings, String prefix) {
    Map<String, String> keys = new TreeMap<>();
    try (UnifiedJedis redis = settings.connect()) {
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = redis.scan(cursor, new ScanParams().match(prefix + ":*").count(1000));
        for (String key : page.getResult()) {
          String name = key.substring(prefix.length() + 1);
          if (redis.type(key).equals("hash")) {
            // Field by field, so that a difference names the field.
            redis.hgetAll(key).forEach((field, value) -> keys.put(name + "#" + field, value));
            continue;
          }
          String content = switch (redis.type(key)) {
            case "set" -> new java.util.TreeSet<>(redis.smembers(key)).toString();
            case "zset" -> redis.zrangeWithScores(key, 0, -1).toString();
            case "string" -> redis.get(key);
            case "stream" -> "stream of " + redis.xlen(key);
            default -> redis.type(key);
          };
          keys.put(name, content);
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
    return keys;
  }
}
