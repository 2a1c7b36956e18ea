package dev.customerpulse.engine;

import dev.customerpulse.state.CustomerState;
import dev.customerpulse.rules.RuleCommand;
import java.util.ArrayList;
import java.util.List;

/** The segments a profile is in: value tier, lifecycle stage and RFM segment, then the runtime rules'. */
public final class ProfileSegments {
  private ProfileSegments() {}

  /** The built-in segments (tier, lifecycle stage, RFM segment), without the runtime rules'. */
  public static List<String> of(CustomerState p) {
    if (p.tier == null) {
      // Not placed yet, or kept without profiling consent: in no segment.
      return List.of();
    }
    if (p.lifecycle == null) {
      return p.tier.segments();
    }
    return p.rfmSegment == null ? List.of(p.tier.segment(), p.lifecycle.segment())
        : List.of(p.tier.segment(), p.lifecycle.segment(), p.rfmSegment.segment());
  }

  /** Every segment, the runtime rules' ({@code rule:<name>}) last. */
  public static List<String> all(CustomerState p) {
    List<String> builtIn = of(p);
    if (p.ruleSegments.length == 0) {
      return builtIn;
    }
    List<String> all = new ArrayList<>(builtIn.size() + p.ruleSegments.length);
    all.addAll(builtIn);
    for (String rule : p.ruleSegments) {
      all.add(RuleCommand.segment(rule));
    }
    return all;
  }
}
