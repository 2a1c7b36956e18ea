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
 * Compares what a faulted run wrote with what the failure-free reference wrote from the same input.
 *
 * <p>Exactly once means every input event counted once, whatever failed in between: the profile fields
 * that are a ledger of the customer's events ({@link #LEDGER}: counts, sums, first and last times,
 * identity, consents) must be equal, in Kafka and in Redis, and so must the memberships of the live
 * rule (a function of the ledger), the dead letters, and each output stream's ids (no record twice).
 * The other fields are scores as of the customer's last rescoring, whose time depends on where
 * event time stood when each event arrived; a replay after a failure interleaves the input topics
 * differently, and so does the reference, so those are not compared (docs/features.md, "Arrival
 * order", lists them and why). Lists every difference (the first {@value #SHOWN} in full).
 */
final class Verdict {
  static final int SHOWN = 25;
  /** The profile fields every input event adds to exactly once, independent of arrival order. */
  static final Set<String> LEDGER = Set.of("customer_id", "first_seen", "page_views", "product_views", "searches",
      "cart_adds", "cart_removes", "checkouts", "orders_placed", "orders", "cancellations", "refunds", "service_calls",
      "spend_minor", "currency", "foreign_currency_orders", "average_order_value_minor", "frequency", "monetary_minor",
      "complaints", "avg_satisfaction", "email_pseudonym", "phone_pseudonym", "signed_up_at", "consents");
  private final List<String> differences = new ArrayList<>();
  private int count;
  private String compared = "";

  static Verdict of(RunOutputs reference, RunOutputs faulted) {
    Verdict verdict = new Verdict();
    verdict.profiles(reference.profiles(), faulted.profiles());
    verdict.redisAsPublished(faulted);
    verdict.redis(reference.redis(), faulted.redis());
    verdict.segmentChanges(reference.segmentChanges(), faulted.segmentChanges());
    verdict.duplicates("churn alert", faulted.churnAlerts(), a -> a.getAlertId());
    verdict.duplicates("date trigger", faulted.dateTriggers(), t -> t.getTriggerId());
    verdict.deadLetters(reference.deadLetters(), faulted.deadLetters());
    verdict.compared = String.format("%,d profiles (%d ledger fields each, in Kafka and Redis), %,d segment changes, %,d churn"
        + " alerts, %,d date triggers, %,d dead letters", reference.profiles().size(), LEDGER.size(),
        faulted.segmentChanges().size(), faulted.churnAlerts().size(), faulted.dateTriggers().size(),
        faulted.deadLetters().size());
    return verdict;
  }

  /** What was compared, for the report. */
  String compared() {
    return compared;
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
        if (!LEDGER.contains(field.name())) {
          continue;
        }
        Object want = expected.get(field.pos());
        Object got = actual.get(field.pos());
        if (!Objects.equals(String.valueOf(want), String.valueOf(got))) {
          differ("customer-profiles " + key + " " + field.name() + ": reference " + want + ", faulted " + got);
        }
      }
    }
  }

  /**
   * Within the faulted run, each customer's Redis hash holds what its latest customer-profiles record
   * holds, every field (Redis keeps the newest version: the writes are idempotent, and a Redis that came
   * back empty was refilled from state). Redis writes times as epoch milliseconds, lists comma-joined,
   * decimals rounded to 4 places, and an RFM score not given yet (0) as an empty field.
   */
  private void redisAsPublished(RunOutputs run) {
    run.profiles().forEach((customer, profile) -> {
      for (Schema.Field field : CustomerProfile.getClassSchema().getFields()) {
        String stored = run.redis().get("profile:{" + customer + "}#" + field.name());
        if (stored == null) {
          continue;
        }
        String published = asRedisWrites(profile.get(field.pos()));
        if (field.name().endsWith("_score") && "0".equals(published)) {
          published = "";
        }
        if (!sameValue(published, stored)) {
          differ("redis profile:{" + customer + "} " + field.name() + ": " + stored + ", its customer-profiles record "
              + published);
        }
      }
    });
  }

  private static String asRedisWrites(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof java.time.Instant instant) {
      return String.valueOf(instant.toEpochMilli());
    }
    if (value instanceof List<?> list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    return String.valueOf(value);
  }

  /** Equal text, or a decimal that Redis holds rounded to 4 places. */
  private static boolean sameValue(String published, String stored) {
    if (published.equals(stored)) {
      return true;
    }
    try {
      return Math.round(Double.parseDouble(published) * 10_000) == Math.round(Double.parseDouble(stored) * 10_000);
    } catch (NumberFormatException notNumbers) {
      return false;
    }
  }

  /** Every Redis key and hash field. */
  private void redis(Map<String, String> reference, Map<String, String> faulted) {
    Set<String> keys = new TreeSet<>(reference.keySet());
    keys.addAll(faulted.keySet());
    for (String key : keys) {
      if (!comparedInRedis(key)) {
        continue;
      }
      String want = reference.get(key);
      String got = faulted.get(key);
      if (!Objects.equals(want, got)) {
        differ("redis " + key + ": reference " + want + ", faulted " + got);
      }
    }
  }

  /** Ledger fields of profile hashes, rule segments, consent sets and the contract; not scores, rankings or the alert log. */
  static boolean comparedInRedis(String key) {
    int field = key.indexOf('#');
    if (key.startsWith("profile:") && field > 0) {
      return LEDGER.contains(key.substring(field + 1));
    }
    return key.startsWith("segment:rule:") || key.startsWith("consent:") || key.equals("contract");
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
    want.removeIf(membership -> !membership.contains(" in rule:"));
    got.removeIf(membership -> !membership.contains(" in rule:"));
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
