package dev.customerpulse.segments;

import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.avro.SegmentChangeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The SegmentChange records for a move within an exclusive dimension such as the value tier. */
public final class SegmentChanges {
  private SegmentChanges() {}

  /**
   * Records for a move from {@code from} to {@code to} (either may be null: first assignment, or
   * leaving the dimension); exit first, then entry, so a consumer never sees two tiers at once.
   */
  public static List<SegmentChange> move(String customerId, String from, String to, String reason, long eventTime,
      long version) {
    List<SegmentChange> changes = new ArrayList<>(2);
    if (from != null) {
      changes.add(change(customerId, from, SegmentChangeType.EXITED, from, to, reason, eventTime, version));
    }
    if (to != null) {
      changes.add(change(customerId, to, SegmentChangeType.ENTERED, from, to, reason, eventTime, version));
    }
    return changes;
  }

  private static SegmentChange change(String customerId, String segment, SegmentChangeType type, String from, String to,
      String reason, long eventTime, long version) {
    // The all-fields constructor: Avro's builder validates and deep-copies every field, per record.
    String changeId = new StringBuilder(customerId.length() + segment.length() + 32).append(customerId).append('/')
        .append(version).append('/').append(segment).append('/').append(type.name().toLowerCase(java.util.Locale.ROOT))
        .toString();
    return new SegmentChange(changeId, customerId, segment, type, from, to, reason, Instant.ofEpochMilli(eventTime), version, "");
  }
}
