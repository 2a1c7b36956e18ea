package dev.customerpulse.engine;

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

/**
 * Moves a customer between segments and says so: each move is an EXITED/ENTERED pair of
 * SegmentChange records (one of them when there was no segment before or is none after), at the
 * customer's current version, counted in {@code segmentChanges}.
 */
final class SegmentMoves {
  private final ValueTierPolicy tiers;
  private final CustomerSegments segments;

  SegmentMoves(ValueTierPolicy tiers, CustomerSegments segments) {
    this.tiers = tiers;
    this.segments = segments;
  }

  /** Puts the customer in {@code tier}; records when it differs from {@code before} (null: no tier yet). */
  void tier(String key, CustomerState customer, ValueTier before, ValueTier tier, double clv, ClvCuts cuts, long time,
      Effects effects) {
    customer.tier = tier;
    if (tier == before) {
      return;
    }
    String reason = tiers.reason(before, tier, customer.spendMinor, clv, customer.currency, cuts);
    effects.segmentChanges(SegmentChanges.move(key, before == null ? null : before.segment(), tier.segment(), reason, time,
        customer.version));
  }

  /** Moves the lifecycle stage and RFM segment to where they are at {@code now}. */
  void lifecycleAndRfm(String key, CustomerState customer, long now, LifecycleStage stage, RfmSegment rfm, Effects effects) {
    if (stage != customer.lifecycle) {
      effects.segmentChanges(SegmentChanges.move(key, customer.lifecycle == null ? null : customer.lifecycle.segment(),
          stage.segment(), segments.lifecycleReason(stage), now, customer.version));
      customer.lifecycle = stage;
    }
    if (rfm != customer.rfmSegment) {
      effects.segmentChanges(SegmentChanges.move(key, customer.rfmSegment == null ? null : customer.rfmSegment.segment(),
          rfm == null ? null : rfm.segment(), segments.rfmReason(customer, now), now, customer.version));
      customer.rfmSegment = rfm;
    }
  }

  /** Records for the rule segments left and entered, in that order; the customer's memberships updated. */
  void rules(String key, CustomerState customer, SegmentRules.Evaluation result, SegmentRules live, long time, Effects effects) {
    for (String name : result.exited()) {
      effects.segmentChanges(SegmentChanges.move(key, RuleCommand.segment(name), null, ruleReason(live, name, false), time,
          customer.version));
    }
    for (String name : result.entered()) {
      effects.segmentChanges(SegmentChanges.move(key, null, RuleCommand.segment(name), ruleReason(live, name, true), time,
          customer.version));
    }
    customer.ruleSegments = result.members();
  }

  /** A deleted customer leaves every segment: an EXITED record for each. */
  void exitAll(String key, CustomerState customer, long time, String reason, Effects effects) {
    for (String segment : ProfileSegments.all(customer)) {
      effects.segmentChanges(SegmentChanges.move(key, segment, null, reason, time, customer.version));
    }
  }

  private static String ruleReason(SegmentRules live, String name, boolean entered) {
    RuleCommand rule = live.live(name);
    return rule == null ? "rule " + name + " was removed"
        : (entered ? "matches" : "no longer matches") + " rule " + name + " v" + rule.version + ": " + rule.expression;
  }
}
