package dev.customerpulse.dlq;

import dev.customerpulse.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Dead letters grouped by reason, largest group first, with a few samples each. */
public final class DeadLetterSummary {
  private DeadLetterSummary() {}

  /** One reason: how many, from which topics, and the first few letters. */
  public record Group(String reason, int count, Map<String, Integer> bySourceTopic, List<DeadLetter> samples) {}

  public static List<Group> group(List<DeadLetter> letters, int samplesPerReason) {
    Map<String, List<DeadLetter>> byReason = new LinkedHashMap<>();
    for (DeadLetter letter : letters) {
      byReason.computeIfAbsent(letter.getReason(), reason -> new ArrayList<>()).add(letter);
    }
    List<Group> groups = new ArrayList<>();
    byReason.forEach((reason, all) -> {
      Map<String, Integer> topics = new TreeMap<>();
      all.forEach(letter -> topics.merge(letter.getSourceTopic(), 1, Integer::sum));
      groups.add(new Group(reason, all.size(), topics, List.copyOf(all.subList(0, Math.min(samplesPerReason, all.size())))));
    });
    groups.sort(Comparator.comparingInt(Group::count).reversed().thenComparing(Group::reason));
    return groups;
  }

  /** The summary as the CLI prints it. */
  public static List<String> lines(List<Group> groups) {
    List<String> lines = new ArrayList<>();
    for (Group group : groups) {
      StringBuilder topics = new StringBuilder();
      group.bySourceTopic().forEach((topic, n) -> topics.append(topics.length() == 0 ? "" : ", ").append(topic).append(' ').append(n));
      lines.add(String.format(java.util.Locale.ROOT, "%-22s %8d  (%s)", group.reason(), group.count(), topics));
      for (DeadLetter sample : group.samples()) {
        lines.add("    " + sample.getSourceTopic() + "/" + sample.getSourcePartition() + "@" + sample.getSourceOffset()
            + " key=" + text(sample.getKey()) + ": " + sample.getDetail());
      }
    }
    return lines;
  }

  private static String text(ByteBuffer bytes) {
    if (bytes == null) {
      return "-";
    }
    ByteBuffer view = bytes.duplicate();
    byte[] copy = new byte[Math.min(view.remaining(), 64)];
    view.get(copy);
    return new String(copy, StandardCharsets.UTF_8);
  }
}
