package dev.customerpulse.engine;

import dev.customerpulse.avro.SegmentRuleState;
import dev.customerpulse.rules.CompiledRule;
import dev.customerpulse.rules.RuleCommand;

/**
 * One rule command's pass over the customers of an instance: what became of the rule, and the counts
 * its status record reports.
 */
public final class RuleRun {
  final RuleCommand command;
  /** Null when the rule is gone (removed) or was rejected. */
  final CompiledRule rule;
  final SegmentRuleState outcome;
  final String problem;
  long customers;
  long members;
  long entered;
  long exited;
  long errors;

  RuleRun(RuleCommand command, CompiledRule rule, SegmentRuleState outcome, String problem) {
    this.command = command;
    this.rule = rule;
    this.outcome = outcome;
    this.problem = problem;
  }

  /** LIVE, SHADOW, REMOVED or REJECTED. */
  public SegmentRuleState outcome() {
    return outcome;
  }

  /** The rule as published (for REMOVED: the rule that was live). */
  public RuleCommand command() {
    return command;
  }

  /** Whether the run goes through every customer (all but a rejected rule). */
  public boolean visitsCustomers() {
    return outcome != SegmentRuleState.REJECTED;
  }

  boolean shadow() {
    return outcome == SegmentRuleState.SHADOW;
  }

  String name() {
    return command.name;
  }

  /** What the status record says. */
  String reason() {
    return switch (outcome) {
      case REMOVED -> "removed; its members left rule:" + command.name;
      case REJECTED -> problem;
      case SHADOW -> "shadow: nothing changed; " + entered + " would enter and " + exited + " would leave rule:" + command.name;
      case LIVE -> "live: evaluated against every customer";
    };
  }
}
