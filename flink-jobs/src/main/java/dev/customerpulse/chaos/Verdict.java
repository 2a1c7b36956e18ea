package dev.customerpulse.chaos;

import dev.customerpulse.avro.CustomerProfile;
import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.avro.SegmentChangeType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.avro.Schema;

/**
 * Compares what a faulted run wrote with what the failure-free reference wrote from the same input:
 * exactly-once Kafka output and idempotent Redis writes mean they agree. Lists every difference
 * (the first {@value #SHOWN} in full).
 */
final class Verdict {
  static final int SHOWN = 25;
  private final List<String> differences = new ArrayList<>();
  private int count;

  static Verdict of(RunOutputs reference, RunOutputs faulted) {
    Verdict verdict = new Verdict();
    verdict.profiles(reference.profiles(), faulted.profiles());
    verdict.redis(reference.redis(), faulted.redis());
    verdict.segmentChanges(reference.segmentChanges(), faulted.segmentChanges());
    verdict.sameIds("churn alert", reference.churnAlerts(), faulted.churnAlerts(), a -> a.getAlertId());
    verdict.sameIds("date trigger", reference.dateTriggers(), faulted.dateTriggers(), t -> t.getTriggerId());
    verdict.deadLetters(reference.deadLetters(), faulted.deadLetters());
    return verdict;
  }

  boolean passed() {
    return count == 0;
  }

  int differenceCount() {
    return count;
  }

  List<String> differences() {
    return differences;
  }

  private void differ(String what) {
    count++;
    if (differences.size() < SHOWN) {
      differences.add(what);
    }
  }

  /** The latest profile per customer, field by field. */
  private void profiles(Map<String, CustomerProfile> reference, Map<String, CustomerProfile> faulted) {
    Set<String> keys = new TreeSet<>(reference.keySet());
    keys.addAll(faulted.keySet());
    for (String key : keys) {
      CustomerProfile expected = reference.get(key);
      CustomerProfile actual = faulted.get(key);
      if (expected == null || actual == null) {
        differ("customer-profiles " + key + ": " + (expected == null ? "only in the faulted run" : "missing in the faulted run"));
        continue;
      }
      for (Schema.Field field : CustomerProfile.getClassSchema().getFields()) {
        Object want = expected.get(field.pos());
        Object got = actual.get(field.pos());
        if (!Objects.equals(String.valueOf(want), String.valueOf(got))) {
          differ("customer-profiles " + key + " " + field.name() + ": reference " + want + ", faulted " + got);
        }
      }
    }
  }

  /** Every Redis key and hash field. */
  private void redis(Map<String, String> reference, Map<String, String> faulted) {
    Set<String> keys = new TreeSet<>(reference.keySet());
    keys.addAll(faulted.keySet());
    for (String key : keys) {
      String want = reference.get(key);
      String got = faulted.get(key);
      if (!Objects.equals(want, got)) {
        differ("redis " + key + ": reference " + want + ", faulted " + got);
      }
    }
  }

  /**
   * No change twice, entries and exits alternating per customer and segment from an entry, and the
   * memberships they end in equal to the reference's.
   */
  private void segmentChanges(List<SegmentChange> reference, List<SegmentChange> faulted) {
    duplicates("segment change", faulted, c -> c.getChangeId());
    Map<String, SegmentChangeType> last = new HashMap<>();
    for (SegmentChange change : faulted) {
      String membership = change.getCustomerId() + " in " + change.getSegment();
      SegmentChangeType before = last.put(membership, change.getChange());
      SegmentChangeType expected = before == SegmentChangeType.ENTERED ? SegmentChangeType.EXITED : SegmentChangeType.ENTERED;
      if (change.getChange() != expected) {
        differ("segment change " + change.getChangeId() + ": " + change.getChange() + " after "
            + (before == null ? "nothing" : before) + " (a gap or a duplicate)");
      }
    }
    Set<String> want = memberships(reference);
    Set<String> got = memberships(faulted);
    for (String membership : new TreeSet<>(want)) {
      if (!got.contains(membership)) {
        differ("segment changes: the faulted run ends without " + membership);
      }
    }
    for (String membership : new TreeSet<>(got)) {
      if (!want.contains(membership)) {
        differ("segment changes: the faulted run ends with " + membership + ", the reference does not");
      }
    }
  }

  private static Set<String> memberships(List<SegmentChange> changes) {
    Map<String, SegmentChangeType> last = new TreeMap<>();
    for (SegmentChange change : changes) {
      last.put(change.getCustomerId() + " in " + change.getSegment(), change.getChange());
    }
    Set<String> members = new HashSet<>();
    last.forEach((membership, change) -> {
      if (change == SegmentChangeType.ENTERED) {
        members.add(membership);
      }
    });
    return members;
  }

  private <T> void sameIds(String what, List<T> reference, List<T> faulted, Function<T, String> id) {
    duplicates(what, faulted, id);
    Set<String> want = new TreeSet<>();
    reference.forEach(r -> want.add(id.apply(r)));
    Set<String> got = new TreeSet<>();
    faulted.forEach(r -> got.add(id.apply(r)));
    for (String missing : want) {
      if (!got.contains(missing)) {
        differ(what + " " + missing + " missing in the faulted run");
      }
    }
    for (String extra : got) {
      if (!want.contains(extra)) {
        differ(what + " " + extra + " only in the faulted run");
      }
    }
  }

  private <T> void duplicates(String what, List<T> records, Function<T, String> id) {
    Set<String> seen = new HashSet<>();
    for (T record : records) {
      if (!seen.add(id.apply(record))) {
        differ(what + " " + id.apply(record) + " written twice");
      }
    }
  }

  /** The same input records dead-lettered for the same reasons, each once. */
  private void deadLetters(List<DeadLetter> reference, List<DeadLetter> faulted) {
    Function<DeadLetter, String> origin = d -> d.getSourceTopic().replace(ChaosJobs.FAULTED, ChaosJobs.REFERENCE) + "/" + d.getSourcePartition() + "@" + d.getSourceOffset()
        + " " + d.getReason();
    sameIds("dead letter", reference, faulted, origin);
  }
}
