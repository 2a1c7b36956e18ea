package dev.customerpulse.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.customerpulse.state.CustomerState;
import dev.customerpulse.published.ProfileFields;
import dev.customerpulse.rules.CompiledRule.Outcome;
import dev.customerpulse.scoring.Scores;
import dev.customerpulse.state.LifecycleStage;
import dev.customerpulse.state.ValueTier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleCompilerTest {
  private final RuleCompiler compiler = new RuleCompiler();

  private static Map<String, Object> profile() {
    CustomerState state = CustomerState.empty();
    state.tier = ValueTier.HIGH;
    state.lifecycle = LifecycleStage.AT_RISK;
    state.orders = 4;
    state.spendMinor = 125_000;
    state.currency = "EUR";
    state.complaints = 2;
    Scores scores = new Scores();
    scores.churnRisk = 0.73114;
    scores.probabilityAlive = Double.NaN;
    scores.topCategories = "shoes,bags";
    scores.recencyScore = 2;
    scores.recencyDays = 40;
    scores.lastNps = -1;
    scores.modelVersion = "1-abc";
    return RuleVariables.of("ann", state, scores, List.of("tier:high", "lifecycle:at_risk"));
  }

  private Outcome eval(String expression) throws RuleException {
    return compiler.compile("r", expression).evaluate(profile());
  }

  @Test
  void everyProfileFieldIsATypedVariable() {
    assertThat(RuleVariables.TYPES.keySet()).containsAll(ProfileFields.NAMES).contains("segments")
        .hasSize(ProfileFields.NAMES.size() + 1);
    assertThat(RuleVariables.TYPES).containsEntry("orders", SimpleType.INT).containsEntry("churn_risk", SimpleType.DOUBLE)
        .containsEntry("value_tier", SimpleType.STRING).containsEntry("r_score", SimpleType.INT)
        .containsEntry("top_categories", ListType.create(SimpleType.STRING));
  }

  @Test
  void rulesMatchOnNumbersTextListsAndSegments() throws Exception {
    assertThat(eval("orders >= 3 && churn_risk > 0.7")).isEqualTo(Outcome.MATCH);
    assertThat(eval("churn_risk == 0.7311")).as("as in Redis, four decimals").isEqualTo(Outcome.MATCH);
    assertThat(eval("orders > 4")).isEqualTo(Outcome.NO_MATCH);
    assertThat(eval("spend_minor >= 100000 && currency == 'EUR'")).isEqualTo(Outcome.MATCH);
    assertThat(eval("'bags' in top_categories && top_categories.size() == 2")).isEqualTo(Outcome.MATCH);
    assertThat(eval("'lifecycle:at_risk' in segments && value_tier == 'high'")).isEqualTo(Outcome.MATCH);
    assertThat(eval("r_score <= 2 && recency_days > 30 && last_nps == -1")).isEqualTo(Outcome.MATCH);
    assertThat(eval("complaints > 1.5")).as("int against double").isEqualTo(Outcome.MATCH);
  }

  @Test
  void anUnknownProbabilityMatchesNoComparison() throws Exception {
    assertThat(eval("p_alive < 0.3")).isEqualTo(Outcome.NO_MATCH);
    assertThat(eval("p_alive >= 0.3")).isEqualTo(Outcome.NO_MATCH);
  }

  @Test
  void aFailingEvaluationIsAnErrorNotAThrow() throws Exception {
    assertThat(eval("orders / (complaints - 2) > 1")).isEqualTo(Outcome.ERROR);
  }

  @Test
  void invalidRulesAreRefusedWithOneLineReasons() {
    assertThatThrownBy(() -> compiler.compile("r", "orderz > 3")).isInstanceOf(RuleException.class)
        .hasMessageStartingWith("rule r: at 1:1: undeclared reference to 'orderz'").hasMessageNotContaining("\n");
    assertThatThrownBy(() -> compiler.compile("r", "orders + 1")).hasMessageContaining("expected type 'bool' but found 'int'");
    assertThatThrownBy(() -> compiler.compile("r", "orders >")).hasMessageStartingWith("rule r: at 1:")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> compiler.compile("r", "value_tier > 3")).hasMessageContaining("found no matching overload");
    assertThatThrownBy(() -> compiler.compile("r", " ")).hasMessage("rule r: the expression is empty");
    assertThatThrownBy(() -> compiler.compile("r", "true || ".repeat(600) + "true"))
        .hasMessage("rule r: the expression has 4804 characters, more than 4096");
    assertThatThrownBy(() -> compiler.compile("Big Spenders", "true")).hasMessage("rule name 'Big Spenders' must be 1-64"
        + " characters of a-z, 0-9, '_' and '-', starting with a letter or digit");
    assertThatThrownBy(() -> compiler.compile("a,b", "true")).isInstanceOf(RuleException.class);
  }
}
