package dev.customerpulse.rules;

import java.util.Objects;

/**
 * One record of the segment-rules topic as the job receives it: a rule to put in force (or to
 * shadow), a removal (the topic's tombstone), or a record that could not be read ({@link #problem}).
 * A plain POJO so that Flink serializes it, and the broadcast state holding the live rules,
 * without Kryo.
 */
public class RuleCommand {
  public static final String LIVE = "LIVE";
  public static final String SHADOW = "SHADOW";

  public String name;
  public String expression;
  public long version;
  /** {@link #LIVE} or {@link #SHADOW}. */
  public String mode;
  public String description;
  public boolean removed;
  /** Why the record could not be read, or null. */
  public String problem;

  public RuleCommand() {}

  public static RuleCommand rule(String name, String expression, long version, String mode, String description) {
    RuleCommand command = new RuleCommand();
    command.name = name;
    command.expression = expression;
    command.version = version;
    command.mode = mode;
    command.description = description == null ? "" : description;
    return command;
  }

  public static RuleCommand removal(String name) {
    RuleCommand command = new RuleCommand();
    command.name = name;
    command.removed = true;
    return command;
  }

  public static RuleCommand unreadable(String name, String problem) {
    RuleCommand command = new RuleCommand();
    command.name = name;
    command.problem = problem;
    return command;
  }

  public boolean shadow() {
    return SHADOW.equals(mode);
  }

  /** The segment this rule's members are in. */
  public static String segment(String name) {
    return "rule:" + name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RuleCommand c && version == c.version && removed == c.removed && Objects.equals(name, c.name)
        && Objects.equals(expression, c.expression) && Objects.equals(mode, c.mode)
        && Objects.equals(description, c.description) && Objects.equals(problem, c.problem);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, version, expression, mode, removed);
  }

  @Override
  public String toString() {
    return removed ? "remove " + name : problem != null ? name + " (unreadable: " + problem + ")"
        : name + " v" + version + " " + mode + ": " + expression;
  }
}
