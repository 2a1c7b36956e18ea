package dev.customerpulse.job;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * Refuses pulse.* keys the job does not know: a typo or a setting from an older release would
 * otherwise be ignored without a word, and the job would run on the default.
 */
final class UnknownSettings {
  /** Settings that were removed, and what took their place. */
  private static final Map<String, String> REPLACED = Map.of(
      "pulse.redis.max-attempts", "it was replaced by pulse.redis.outage-tolerance (how long the Redis writers ride out an"
          + " outage)");

  private UnknownSettings() {}

  static void check(Configuration conf) {
    Set<String> known = PulseOptions.all().stream().map(ConfigOption::key).collect(Collectors.toSet());
    for (String key : new TreeSet<>(conf.keySet())) {
      if (!key.startsWith("pulse.") || known.contains(key) || key.startsWith(PulseOptions.KAFKA_CLIENT_PREFIX)) {
        continue;
      }
      String why = REPLACED.get(key);
      if (why == null) {
        String closest = closest(key, known);
        why = closest == null ? "see docs/configuration.md for the settings" : "did you mean " + closest + "?";
      }
      throw new ConfigException("unknown setting " + key + ": " + why);
    }
  }

  /** The known key within three edits of {@code key}, if there is one. */
  private static String closest(String key, Set<String> known) {
    String best = null;
    int bestDistance = 4;
    for (String candidate : new TreeSet<>(known)) {
      int distance = distance(key, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
