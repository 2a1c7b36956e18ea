package dev.customerpulse.rules;

import dev.customerpulse.rules.CompiledRule.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live segment rules and what they make of a customer: which rule segments the customer is in,
 * and who entered and left. Plain Java; the profile operator keeps the rules in broadcast state and
 * hands them to this class.
 */
public final class SegmentRules {
  private final RuleCompiler compiler;
  /** Live rules by name (sorted, so memberships come out sorted). */
  private final TreeMap<String, Live> live = new TreeMap<>();

  public SegmentRules(RuleCompiler compiler) {
    this.compiler = compiler;
  }

  private record Live(RuleCommand command, CompiledRule rule) {}

  /** Memberships after an evaluation, and what changed. */
  public record Evaluation(String[] members, List<String> entered, List<String> exited, int errors) {
    public boolean changed() {
      return !entered.isEmpty() || !exited.isEmpty();
    }
  }

  public boolean isEmpty() {
    return live.isEmpty();
  }

  public RuleCommand live(String name) {
    Live rule = live.get(name);
    return rule == null ? null : rule.command();
  }

  /** Compiles a rule, or says why it cannot be accepted (invalid, or not newer than the live version). */
  public CompiledRule check(RuleCommand command) throws RuleException {
    if (command.problem != null) {
      throw new RuleException(command.problem);
    }
    if (!RuleCommand.LIVE.equals(command.mode) && !RuleCommand.SHADOW.equals(command.mode)) {
      throw new RuleException("rule " + command.name + ": mode must be LIVE or SHADOW, got " + command.mode);
    }
    CompiledRule compiled = compiler.compile(command.name, command.expression);
    Live current = live.get(command.name);
    if (current != null && command.version <= current.command().version) {
      throw new RuleException("rule " + command.name + ": version " + command.version + " is not newer than the live version "
          + current.command().version);
    }
    return compiled;
  }

  /** Puts a checked rule in force (replacing any earlier version). */
  public void putLive(RuleCommand command, CompiledRule compiled) {
    live.put(command.name, new Live(command, compiled));
  }

  /** Loads a rule from broadcast state after a restore; it was valid when it went live. */
  public void restore(RuleCommand command) {
    try {
      live.put(command.name, new Live(command, compiler.compile(command.name, command.expression)));
    } catch (RuleException e) {
      throw new IllegalStateException("a live rule from state no longer compiles: " + e.getMessage(), e);
    }
  }

  public boolean remove(String name) {
    return live.remove(name) != null;
  }

  /** Evaluates every live rule against a profile and compares with the customer's current rule segments. */
  public Evaluation evaluate(String[] current, Map<String, Object> variables) {
    List<String> members = new ArrayList<>(live.size());
    int errors = 0;
    for (Live rule : live.values()) {
      Outcome outcome = rule.rule().evaluate(variables);
      if (outcome == Outcome.MATCH) {
        members.add(rule.command().name);
      } else if (outcome == Outcome.ERROR) {
        errors++;
      }
    }
    return diff(current, members.toArray(String[]::new), errors);
  }

  /** The customer's rule segments with one rule re-evaluated (or, with {@code matches} false, left). */
  public static Evaluation withRule(String[] current, String name, boolean matches) {
    List<String> members = new ArrayList<>(Arrays.asList(current));
    members.remove(name);
    if (matches) {
      members.add(name);
      members.sort(null);
    }
    return diff(current, members.toArray(String[]::new), 0);
  }

  private static Evaluation diff(String[] before, String[] after, int errors) {
    List<String> entered = new ArrayList<>();
    List<String> exited = new ArrayList<>();
    for (String name : after) {
      if (Arrays.binarySearch(before, name) < 0) {
        entered.add(name);
      }
    }
    for (String name : before) {
      if (Arrays.binarySearch(after, name) < 0) {
        exited.add(name);
      }
    }
    return new Evaluation(entered.isEmpty() && exited.isEmpty() ? before : after, entered, exited, errors);
  }
}
