package dev.customerpulse.engine;

import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.rules.RuleCommand;
import dev.customerpulse.rules.SegmentRules;
import dev.customerpulse.segments.ClvCuts;
import dev.customerpulse.segments.CustomerSegments;
import dev.customerpulse.segments.SegmentChanges;
import dev.customerpulse.segments.ValueTierPolicy;
import dev.customerpulse.state.CustomerState;
import dev.customerpulse.state.LifecycleStage;
import dev.customerpulse.state.RfmSegment;
import dev.customerpulse.state.ValueTier;
import java.util.List;

/**
 * Moves a customer between segments and says so: each move is an EXITED/ENTERED pair of
 * SegmentChange records (one of them when there was no segment before or is none after), at the
 * customer's current version, counted in {@code segmentChanges}, emitted only while the customer's
 * consents make their segment changes visible.
 */
final class SegmentMoves {
  private final ValueTierPolicy tiers;
  private final CustomerSegments segments;
  private final ConsentDecisions consent;

  SegmentMoves(ValueTierPolicy tiers, CustomerSegments segments, ConsentDecisions consent) {
    this.tiers = tiers;
    this.segments = segments;
    this.consent = consent;
  }

  /** What the customers' consents allow. */
  ConsentDecisions consent() {
    return consent;
  }

  /** Puts the customer in {@code tier}; records when it differs from {@code before} (null: no tier yet). */
  void tier(String key, CustomerState customer, ValueTier before, ValueTier tier, double clv, ClvCuts cuts, long time,
      Effects effects) {
    customer.tier = tier;
    if (tier == before) {
      return;
    }
    String reason = tiers.reason(before, tier, customer.spendMinor, clv, customer.currency, cuts);
    emit(customer, SegmentChanges.move(key, before == null ? null : before.segment(), tier.segment(), reason, time,
        customer.version), effects);
  }

  /** Moves the lifecycle stage and RFM segment to where they are at {@code now}. */
  void lifecycleAndRfm(String key, CustomerState customer, long now, LifecycleStage stage, RfmSegment rfm, Effects effects) {
    if (stage != customer.lifecycle) {
      emit(customer, SegmentChanges.move(key, customer.lifecycle == null ? null : customer.lifecycle.segment(),
          stage.segment(), segments.lifecycleReason(stage), now, customer.version), effects);
      customer.lifecycle = stage;
    }
    if (rfm != customer.rfmSegment) {
      emit(customer, SegmentChanges.move(key, customer.rfmSegment == null ? null : customer.rfmSegment.segment(),
          rfm == null ? null : rfm.segment(), segments.rfmReason(customer, now), now, customer.version), effects);
      customer.rfmSegment = rfm;
    }
  }

  /** Records for the rule segments left and entered, in that order; the customer's memberships updated. */
  void rules(String key, CustomerState customer, SegmentRules.Evaluation result, SegmentRules live, long time, Effects effects) {
    for (String name : result.exited()) {
      emit(customer, SegmentChanges.move(key, RuleCommand.segment(name), null, ruleReason(live, name, false), time,
          customer.version), effects);
    }
    for (String name : result.entered()) {
      emit(customer, SegmentChanges.move(key, null, RuleCommand.segment(name), ruleReason(live, name, true), time,
          customer.version), effects);
    }
    customer.ruleSegments = result.members();
  }

  /** ENTERED records for every segment the customer is in (history mode's announcement at the first live evaluation). */
  void announce(String key, CustomerState customer, long time, String reason, Effects effects) {
    for (String segment : ProfileSegments.all(customer)) {
      emit(customer, SegmentChanges.move(key, null, segment, reason, time, customer.version), effects);
    }
  }

  /** A deleted customer leaves every segment: an EXITED record for each. */
  void exitAll(String key, CustomerState customer, long time, String reason, Effects effects) {
    for (String segment : ProfileSegments.all(customer)) {
      emit(customer, SegmentChanges.move(key, segment, null, reason, time, customer.version), effects);
    }
  }

  /**
   * The customer's memberships moved: the records reach the topic only while their segment changes
   * are visible (consent); when visibility ended, everything was closed by EXITED records then.
   */
  private void emit(CustomerState customer, List<SegmentChange> changes, Effects effects) {
    if (consent.segmentChangesVisible(customer)) {
      consent.announce(changes, effects);
    }
  }

  private static String ruleReason(SegmentRules live, String name, boolean entered) {
    RuleCommand rule = live.live(name);
    return rule == null ? "rule " + name + " was removed"
        : (entered ? "matches" : "no longer matches") + " rule " + name + " v" + rule.version + ": " + rule.expression;
  }
}
