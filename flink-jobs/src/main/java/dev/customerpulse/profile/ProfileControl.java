package dev.customerpulse.profile;

import dev.customerpulse.rules.RuleCommand;
import dev.customerpulse.segments.ClvCuts;

/**
 * What reaches every instance of the profile operator besides events (its broadcast input): a
 * segment-rule command, or the population's CLV percentiles for the value tiers. Exactly one is set.
 * A POJO, so Flink serializes it without Kryo.
 */
public class ProfileControl {
  public RuleCommand rule;
  public ClvCuts clvCuts;

  public ProfileControl() {}

  public static ProfileControl of(RuleCommand rule) {
    ProfileControl control = new ProfileControl();
    control.rule = rule;
    return control;
  }

  public static ProfileControl of(ClvCuts cuts) {
    ProfileControl control = new ProfileControl();
    control.clvCuts = cuts;
    return control;
  }

  @Override
  public String toString() {
    return rule != null ? "rule " + rule : "clv percentiles " + clvCuts;
  }
}
