package dev.customerpulse.engine;

import dev.customerpulse.avro.SegmentRuleState;
import dev.customerpulse.avro.SegmentRuleStatus;
import dev.customerpulse.ingest.CustomerKeys;
import dev.customerpulse.rules.CompiledRule;
import dev.customerpulse.rules.RuleCommand;
import dev.customerpulse.rules.RuleCompiler;
import dev.customerpulse.rules.RuleException;
import dev.customerpulse.rules.RuleVariables;
import dev.customerpulse.rules.SegmentRules;
import dev.customerpulse.scoring.Scores;
import dev.customerpulse.segments.ClvCuts;
import dev.customerpulse.segments.ValueTierPolicy;
import dev.customerpulse.state.CustomerState;
import dev.customerpulse.state.ValueTier;
import java.time.Instant;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What reaches every instance besides events: segment rules published at runtime and the population's
 * CLV percentiles. Either can move customers who send nothing, so each comes with a pass over every
 * customer an instance holds, one customer at a time ({@link #applyRule}, {@link #placeAgain}).
 */
public final class LiveControl {
  private static final Logger LOG = LoggerFactory.getLogger(LiveControl.class);

  private final ProfileLogic logic;
  private final SegmentMoves moves;
  private final Effects effects;
  private final SegmentRules rules = new SegmentRules(new RuleCompiler());
  /** The population's CLV percentiles, null until the first arrive. */
  private ClvCuts cuts;

  LiveControl(ProfileLogic logic, SegmentMoves moves, Effects effects) {
    this.logic = logic;
    this.moves = moves;
    this.effects = effects;
  }

  /** After a start or restore: the live rules and percentiles as the operator's broadcast state kept them. */
  public void restore(Iterable<RuleCommand> live, ClvCuts restoredCuts) {
    for (RuleCommand rule : live) {
      rules.restore(rule);
    }
    cuts = restoredCuts;
  }

  SegmentRules rules() {
    return rules;
  }

  ClvCuts cuts() {
    return cuts;
  }

  /**
   * A rule published, changed or removed. A live rule is evaluated at once against every customer
   * (from state: no event of theirs is needed), moving memberships; a shadow rule only counts who
   * would enter and leave; a rejected rule changes nothing. Null: nothing to do (the removal of a rule
   * this instance does not have).
   */
  public RuleRun onRule(RuleCommand command) {
    if (command.removed) {
      RuleCommand removed = rules.live(command.name);
      if (removed == null) {
        return null;
      }
      rules.remove(command.name);
      return new RuleRun(removed, null, SegmentRuleState.REMOVED, null);
    }
    CompiledRule compiled;
    try {
      compiled = rules.check(command);
    } catch (RuleException e) {
      LOG.warn("Segment rule refused: {}", e.getMessage());
      return new RuleRun(command, null, SegmentRuleState.REJECTED, e.getMessage());
    }
    if (command.shadow()) {
      return new RuleRun(command, compiled, SegmentRuleState.SHADOW, null);
    }
    rules.putLive(command, compiled);
    return new RuleRun(command, compiled, SegmentRuleState.LIVE, null);
  }

  /** One customer against the rule of {@code run}: unless shadow, a changed membership is a new profile version. */
  public Effects applyRule(RuleRun run, String key, CustomerState customer) {
    effects.clear();
    if (customer == null || customer.aliasOf != null || CustomerKeys.isAnonymous(key) || !moves.consent().profiled(customer)) {
      return effects;
    }
    run.customers++;
    boolean member = Arrays.binarySearch(customer.ruleSegments, run.name()) >= 0;
    boolean matches = false;
    Scores scores = null;
    if (run.rule != null) {
      scores = logic.scorer().score(customer, customer.scoredAt);
      CompiledRule.Outcome outcome = run.rule.evaluate(RuleVariables.of(key, customer, scores, ProfileSegments.of(customer)));
      matches = outcome == CompiledRule.Outcome.MATCH;
      if (outcome == CompiledRule.Outcome.ERROR) {
        run.errors++;
        effects.count(EngineMetric.RULE_EVALUATION_ERRORS);
      }
    }
    run.members += matches ? 1 : 0;
    run.entered += matches && !member ? 1 : 0;
    run.exited += member && !matches ? 1 : 0;
    if (run.shadow() || matches == member) {
      return effects;
    }
    customer.version++;
    moves.rules(key, customer, SegmentRules.withRule(customer.ruleSegments, run.name(), matches), rules, customer.scoredAt,
        effects);
    effects.store(customer);
    ProfileUpdate update = new ProfileUpdate(key, 0, customer);
    effects.updates.add(scores == null ? update : update.withScores(scores));
    return effects;
  }

  /**
   * The status record of a finished run on instance {@code subtask} of {@code parallelism}; null for a
   * rejected rule anywhere but instance 0, so that a rejection is reported once.
   */
  public SegmentRuleStatus status(RuleRun run, int subtask, int parallelism, Instant at) {
    if (run.outcome == SegmentRuleState.REJECTED && subtask != 0) {
      return null;
    }
    return new SegmentRuleStatus(run.command.name, run.command.version, run.outcome, run.reason(), run.customers,
        run.members, run.entered, run.exited, run.errors, subtask, parallelism, at);
  }

  /**
   * New CLV percentiles of the population (once a day). Whether customers must be placed again: with
   * percentile tiers, so that "top 5 %" stays true as the population changes.
   */
  public boolean onPercentiles(ClvCuts newCuts) {
    cuts = newCuts;
    return logic.tiers().basis() == ValueTierPolicy.Basis.CLV_PERCENTILE;
  }

  /** One buying customer placed again in a tier by the current percentiles; a move is a new profile version. */
  public Effects placeAgain(String key, CustomerState customer) {
    effects.clear();
    if (customer == null || customer.aliasOf != null || CustomerKeys.isAnonymous(key) || customer.orders == 0
        || !moves.consent().profiled(customer)) {
      return effects;
    }
    double clv = logic.scorer().clvMinor(customer, customer.scoredAt);
    ValueTier tier = logic.tiers().tierFor(customer.orders, customer.spendMinor, clv, cuts);
    if (tier == customer.tier) {
      return effects;
    }
    customer.version++;
    moves.tier(key, customer, customer.tier, tier, clv, cuts, customer.scoredAt, effects);
    effects.store(customer);
    effects.updates.add(new ProfileUpdate(key, 0, customer));
    return effects;
  }
}
