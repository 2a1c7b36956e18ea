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
  public record Group(String reason, int count, Map<String, Integer> bySourceTopic, List<DeadLetter> samples, int truncated) {}

  public static List<Group> group(List<DeadLetter> letters, int samplesPerReason) {
    Map<String, List<DeadLetter>> byReason = new LinkedHashMap<>();
    for (DeadLetter letter : letters) {
      byReason.computeIfAbsent(letter.getReason(), reason -> new ArrayList<>()).add(letter);
    }
    List<Group> groups = new ArrayList<>();
    byReason.forEach((reason, all) -> {
      Map<String, Integer> topics = new TreeMap<>();
      all.forEach(letter -> topics.merge(letter.getSourceTopic(), 1, Integer::sum));
      int truncated = (int) all.stream().filter(DeadLetter::getTruncated).count();
      groups.add(new Group(reason, all.size(), topics, List.copyOf(all.subList(0, Math.min(samplesPerReason, all.size()))),
          truncated));
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
      String truncated = group.truncated() == 0 ? "" : "; " + group.truncated() + " truncated";
      lines.add(String.format(java.util.Locale.ROOT, "%-22s %8d  (%s%s)", group.reason(), group.count(), topics, truncated));
      for (DeadLetter sample : group.samples()) {
        lines.add("    " + origin(sample) + " key=" + text(sample.getKey()) + ": " + sample.getDetail() + notes(sample));
      }
    }
    return lines;
  }

  /** Where a letter's record came from: {@code topic/partition@offset}. */
  static String origin(DeadLetter letter) {
    return letter.getSourceTopic() + "/" + letter.getSourcePartition() + "@" + letter.getSourceOffset();
  }

  /** What a truncated letter lacks: the original sizes, what is kept, the value's SHA-256, dropped headers. */
  static String cut(DeadLetter letter) {
    StringBuilder cut = new StringBuilder();
    if (letter.getOriginalValueSize() != null && letter.getValue() != null
        && letter.getValue().remaining() < letter.getOriginalValueSize()) {
      cut.append("value ").append(letter.getOriginalValueSize()).append(" bytes, ").append(letter.getValue().remaining())
          .append(" kept, sha256 ").append(letter.getOriginalValueSha256());
    }
    if (letter.getOriginalKeySize() != null && letter.getKey() != null && letter.getKey().remaining() < letter.getOriginalKeySize()) {
      cut.append(cut.length() == 0 ? "" : "; ").append("key ").append(letter.getOriginalKeySize()).append(" bytes, ")
          .append(letter.getKey().remaining()).append(" kept, sha256 ").append(letter.getOriginalKeySha256());
    }
    if (letter.getHeadersDropped() > 0) {
      cut.append(cut.length() == 0 ? "" : "; ").append(letter.getHeadersDropped()).append(" headers dropped");
    }
    return cut.toString();
  }

  /** A sample's marks: TRUNCATED with what is missing, and for a processing error the exception and operator. */
  private static String notes(DeadLetter letter) {
    String notes = "";
    if ("PROCESSING_ERROR".equals(letter.getReason()) && letter.getException() != null) {
      notes += " [" + letter.getException() + (letter.getOperator() == null ? "" : " in " + letter.getOperator()) + "]";
    }
    if (letter.getTruncated()) {
      notes += " [TRUNCATED: " + cut(letter) + "]";
    }
    return notes;
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
