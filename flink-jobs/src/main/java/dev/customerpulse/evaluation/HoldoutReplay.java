package dev.customerpulse.evaluation;

import dev.customerpulse.features.FeatureUpdater;
import dev.customerpulse.state.PurchaseHistory;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.state.CustomerState;
import dev.customerpulse.engine.ProfileLogic;
import dev.customerpulse.scoring.ClvSettings;
import dev.customerpulse.scoring.Scores;
import dev.customerpulse.scoring.fit.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replays an order history through the streaming job's own feature and scoring code up to a
 * calibration cut-off, scores every customer who bought by then as of that day, and labels them
 * by what they did afterwards.
 */
public final class HoldoutReplay {
  private static final long DAY = PurchaseHistory.DAY_MILLIS;
  private static final String CURRENCY = "XXX";

  private HoldoutReplay() {}

  /**
   * @param calibrationEnd purchases up to the end of this moment's day are calibration; scores are taken as of that day
   * @param holdoutEnd purchases after the calibration day up to the end of this moment's day are the holdout
   */
  public static List<HoldoutCase> run(List<Transaction> purchases, long calibrationEnd, long holdoutEnd, ProfileLogic logic) {
    long lastCalibrationDay = Math.floorDiv(calibrationEnd, DAY);
    long lastHoldoutDay = Math.floorDiv(holdoutEnd, DAY);
    if (lastHoldoutDay <= lastCalibrationDay) {
      throw new IllegalArgumentException("the holdout period must end after the calibration period");
    }
    List<Transaction> ordered = new ArrayList<>(purchases);
    ordered.sort(Comparator.comparingLong(Transaction::timeMillis));
    FeatureUpdater updater = new FeatureUpdater(logic.features());
    Map<String, CustomerState> states = new LinkedHashMap<>();
    Map<String, Set<Long>> holdoutDays = new HashMap<>();
    int sequence = 0;
    for (Transaction t : ordered) {
      long day = Math.floorDiv(t.timeMillis(), DAY);
      if (day <= lastCalibrationDay) {
        // Amounts carry one currency: the history has no currencies and the models see totals only.
        CustomerEvent paid = new CustomerEvent(t.customerId(), "replay-" + sequence++, EventKind.ORDER_PAID, t.timeMillis(), 0,
            t.amountMinor(), CURRENCY);
        updater.apply(states.computeIfAbsent(t.customerId(), id -> FeatureUpdater.newCustomer(paid)), paid);
      } else if (day <= lastHoldoutDay) {
        holdoutDays.computeIfAbsent(t.customerId(), id -> new HashSet<>()).add(day);
      }
    }
    long scoredAt = lastCalibrationDay * DAY;
    ClvSettings clv = logic.scorer().clvSettings();
    long unit = clv.timeUnit().toMillis();
    double holdoutUnits = (double) (lastHoldoutDay - lastCalibrationDay) * DAY / unit;
    List<HoldoutCase> cases = new ArrayList<>(states.size());
    states.forEach((id, state) -> {
      Scores scores = logic.scorer().score(state, scoredAt);
      PurchaseHistory h = state.purchases;
      double expected = clv.countModel().expectedPurchases(clv.bgNbd(), holdoutUnits, h.repeatPurchases(), h.recency(unit), h.age(scoredAt, unit));
      cases.add(new HoldoutCase(id, scores.churnRisk, 1 - scores.probabilityAlive, expected,
          holdoutDays.getOrDefault(id, Set.of()).size(), scores.recencyDays, scores.frequency, scores.churn.values()));
    });
    return cases;
  }
}
