package dev.customerpulse.rules;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import java.util.regex.Pattern;

/**
 * Checks and compiles segment rules: a name, and a CEL expression of type bool over
 * {@link RuleVariables}. The CLI checks with this before publishing, and the job again on receipt,
 * so the two never disagree about what is valid.
 */
public final class RuleCompiler {
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  public static final int MAX_EXPRESSION_LENGTH = 4_096;

  private final Cel cel;

  public RuleCompiler() {
    var builder = CelFactory.standardCelBuilder()
        .setOptions(CelOptions.current()
            // 'orders > 2.5' and 'p_alive < 1' read as written.
            .enableHeterogeneousNumericComparisons(true)
            // Lists here are short (top categories, segments); a bound keeps a rule from spinning.
            .comprehensionMaxIterations(1_000)
            .build())
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .setResultType(SimpleType.BOOL);
    RuleVariables.TYPES.forEach(builder::addVar);
    cel = builder.build();
  }

  /** The rule compiled, or a {@link RuleException} saying what is wrong with its name or expression. */
  public CompiledRule compile(String name, String expression) throws RuleException {
    checkName(name);
    if (expression == null || expression.isBlank()) {
      throw new RuleException("rule " + name + ": the expression is empty");
    }
    if (expression.length() > MAX_EXPRESSION_LENGTH) {
      throw new RuleException("rule " + name + ": the expression has " + expression.length() + " characters, more than "
          + MAX_EXPRESSION_LENGTH);
    }
    CelValidationResult result = cel.compile(expression);
    if (result.hasError()) {
      throw new RuleException("rule " + name + ": " + oneLine(result.getErrorString()));
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      return new CompiledRule(name, expression, cel.createProgram(ast));
    } catch (dev.cel.common.CelValidationException | CelEvaluationException e) {
      throw new RuleException("rule " + name + ": " + oneLine(e.getMessage()));
    }
  }

  public static void checkName(String name) throws RuleException {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new RuleException("rule name '" + name + "' must be 1-64 characters of a-z, 0-9, '_' and '-', starting with a"
          + " letter or digit");
    }
  }

  /** CEL reports errors over several lines (message, source line, caret); one line keeps the reason readable. */
  static String oneLine(String message) {
    String first = message == null ? "invalid expression" : message.strip().lines().findFirst().orElse("invalid expression");
    return first.replaceFirst("^ERROR: <input>:", "at ");
  }
}
