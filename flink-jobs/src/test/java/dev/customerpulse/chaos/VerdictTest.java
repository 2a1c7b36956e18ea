package dev.customerpulse.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.CustomerProfile;
import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.avro.SegmentChangeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class VerdictTest {
  private static final Instant FIRST_SEEN = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void equalOutputsPass() {
    Verdict verdict = Verdict.of(outputs(), outputs());
    assertThat(verdict.differences()).isEmpty();
    assertThat(verdict.passed()).isTrue();
  }

  @Test
  void aLedgerFieldThatDiffersIsNamedAndAScoreIsNotCompared() {
    RunOutputs faulted = outputs();
    faulted.profiles().get("ann").put("orders", 4L);
    faulted.profiles().get("ann").put("churn_risk", 0.9);
    faulted.redis().put("profile:{ann}#orders", "4");
    faulted.redis().put("profile:{ann}#churn_risk", "0.9");
    assertThat(Verdict.of(outputs(), faulted).differences()).containsExactly(
        "customer-profiles ann orders: reference 3, faulted 4",
        "redis profile:{ann}#orders: reference 3, faulted 4");
  }

  @Test
  void aRedisHashThatIsNotWhatTheJobPublishedIsADifference() {
    RunOutputs faulted = outputs();
    faulted.redis().put("profile:{ann}#churn_risk", "0.5");
    assertThat(Verdict.of(outputs(), faulted).differences())
        .containsExactly("redis profile:{ann} churn_risk: 0.5, its customer-profiles record 0.25");
  }

  @Test
  void redisDecimalsToFourPlacesAndUnscoredRfmScoresAreWhatWasPublished() {
    RunOutputs reference = outputs();
    RunOutputs faulted = outputs();
    for (RunOutputs run : List.of(reference, faulted)) {
      run.profiles().get("ann").put("churn_risk", 0.06629901361670848);
      run.profiles().get("ann").put("r_score", 0);
      run.redis().put("profile:{ann}#churn_risk", "0.0663");
      run.redis().put("profile:{ann}#r_score", "");
    }
    assertThat(Verdict.of(reference, faulted).differences()).isEmpty();
    faulted.redis().put("profile:{ann}#churn_risk", "0.0664");
    assertThat(Verdict.of(reference, faulted).differences())
        .containsExactly("redis profile:{ann} churn_risk: 0.0664, its customer-profiles record 0.06629901361670848");
  }

  @Test
  void aSegmentChangeTwiceOrAnExitWithoutEntryIsADifference() {
    RunOutputs faulted = outputs();
    faulted.segmentChanges().add(change("ann", "rule:repeat_buyers", SegmentChangeType.ENTERED, 7));
    faulted.segmentChanges().add(change("bob", "lifecycle:active", SegmentChangeType.EXITED, 2));
    assertThat(Verdict.of(outputs(), faulted).differences()).containsExactly(
        "segment change ann/7/rule:repeat_buyers/ENTERED written twice",
        "segment change ann/7/rule:repeat_buyers/ENTERED: ENTERED after ENTERED (a gap or a duplicate)",
        "segment change bob/2/lifecycle:active/EXITED: EXITED after nothing (a gap or a duplicate)");
  }

  @Test
  void aRuleMembershipMissingIsADifferenceAndOtherDimensionsAreScores() {
    RunOutputs faulted = outputs();
    faulted.segmentChanges().clear();
    faulted.segmentChanges().add(change("ann", "lifecycle:active", SegmentChangeType.ENTERED, 7));
    assertThat(Verdict.of(outputs(), faulted).differences())
        .containsExactly("segment changes: the faulted run ends without ann in rule:repeat_buyers");
  }

  @Test
  void aDeadLetterMissingOrTwiceIsADifference() {
    RunOutputs faulted = outputs();
    faulted.deadLetters().clear();
    faulted.deadLetters().add(letter(42));
    faulted.deadLetters().add(letter(42));
    assertThat(Verdict.of(outputs(), faulted).differences()).containsExactly(
        "dead letter clicks/1@42 UNDECODABLE_AVRO written twice",
        "dead letter clicks/1@41 UNDECODABLE_AVRO missing in the faulted run",
        "dead letter clicks/1@42 UNDECODABLE_AVRO only in the faulted run");
  }

  private static RunOutputs outputs() {
    CustomerProfile ann = new CustomerProfile();
    ann.put("customer_id", "ann");
    ann.put("first_seen", FIRST_SEEN);
    ann.put("orders", 3L);
    ann.put("churn_risk", 0.25);
    ann.put("top_categories", List.of("books", "garden"));
    Map<String, CustomerProfile> profiles = new TreeMap<>(Map.of("ann", ann));
    Map<String, String> redis = new TreeMap<>(Map.of("profile:{ann}#customer_id", "ann",
        "profile:{ann}#first_seen", String.valueOf(FIRST_SEEN.toEpochMilli()), "profile:{ann}#orders", "3",
        "profile:{ann}#churn_risk", "0.25", "profile:{ann}#top_categories", "books,garden",
        "segment:rule:repeat_buyers", "[ann]"));
    List<SegmentChange> changes = new ArrayList<>(List.of(change("ann", "rule:repeat_buyers", SegmentChangeType.ENTERED, 7)));
    List<DeadLetter> letters = new ArrayList<>(List.of(letter(41)));
    return new RunOutputs(profiles, changes, new ArrayList<>(), new ArrayList<>(), letters, redis);
  }

  private static SegmentChange change(String customer, String segment, SegmentChangeType type, long version) {
    return SegmentChange.newBuilder().setChangeId(customer + "/" + version + "/" + segment + "/" + type)
        .setCustomerId(customer).setSegment(segment).setChange(type).setFromSegment(null).setToSegment(null)
        .setReason("test").setEventTime(FIRST_SEEN).setProfileVersion(version).setPurpose("profiling").build();
  }

  private static DeadLetter letter(long offset) {
    return DeadLetter.newBuilder().setReason("UNDECODABLE_AVRO").setDetail("d").setSourceTopic("clicks")
        .setSourcePartition(1).setSourceOffset(offset).setSourceTimestamp(FIRST_SEEN).build();
  }
}
