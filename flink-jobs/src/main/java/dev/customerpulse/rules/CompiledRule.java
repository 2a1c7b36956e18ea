package dev.customerpulse.rules;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;

/** A checked rule, ready to evaluate against profiles. */
public final class CompiledRule {
  public enum Outcome { MATCH, NO_MATCH, ERROR }

  private final String name;
  private final String expression;
  private final CelRuntime.Program program;

  CompiledRule(String name, String expression, CelRuntime.Program program) {
    this.name = name;
    this.expression = expression;
    this.program = program;
  }

  public String name() {
    return name;
  }

  public String expression() {
    return expression;
  }

  /** Whether the profile matches; a failing evaluation (division by zero, overflow) is an ERROR, never a throw. */
  public Outcome evaluate(Map<String, Object> variables) {
    try {
      return Boolean.TRUE.equals(program.eval(variables)) ? Outcome.MATCH : Outcome.NO_MATCH;
    } catch (CelEvaluationException | RuntimeException e) {
      return Outcome.ERROR;
    }
  }
}
