package dev.customerpulse.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.features.FeatureSettings;
import dev.customerpulse.features.FeatureUpdater;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.state.CustomerState;
import org.junit.jupiter.api.Test;

/** The funnel's steps imply the ones before them, so a shop that skips a step still gets meaningful rates. */
class FunnelTest {
  private static final long DAY = 86_400_000L;

  @Test
  void aShopThatSendsEveryStepKeepsItsOwnCounts() {
    Funnel funnel = Funnel.withImpliedSteps(10, 4, 2, 1);

    assertThat(funnel).isEqualTo(new Funnel(10, 4, 2, 1));
    assertThat(funnel.cartRate()).isEqualTo(0.4);
    assertThat(funnel.checkoutRate()).isEqualTo(0.5);
    assertThat(funnel.purchaseRate()).isEqualTo(0.5);
    assertThat(funnel.conversionRate()).isEqualTo(0.1);
  }

  @Test
  void ordersWithoutCheckoutEventsCountAsCheckoutsAndCartAdds() {
    // As in the REES46 clickstream: views, some cart adds, purchases, never a checkout.
    Funnel funnel = Funnel.withImpliedSteps(8, 1, 0, 2);

    assertThat(funnel).isEqualTo(new Funnel(8, 2, 2, 2));
    assertThat(funnel.cartRate()).isEqualTo(0.25);
    assertThat(funnel.checkoutRate()).isEqualTo(1.0);
    assertThat(funnel.purchaseRate()).isEqualTo(1.0);
    assertThat(funnel.conversionRate()).isEqualTo(0.25);
  }

  @Test
  void cartAddsBeyondTheOrdersStayCartAddsThatWentNoFurther() {
    Funnel funnel = Funnel.withImpliedSteps(5, 4, 0, 1);

    assertThat(funnel).isEqualTo(new Funnel(5, 4, 1, 1));
    assertThat(funnel.cartRate()).isEqualTo(0.8);
    assertThat(funnel.checkoutRate()).isEqualTo(0.25);
    assertThat(funnel.purchaseRate()).isEqualTo(1.0);
    assertThat(funnel.conversionRate()).isEqualTo(0.2);
  }

  @Test
  void moreCartAddsThanViewsImplyTheViewsSoNoRateExceedsOne() {
    Funnel funnel = Funnel.withImpliedSteps(2, 5, 3, 3);

    assertThat(funnel).isEqualTo(new Funnel(5, 5, 3, 3));
    assertThat(funnel.cartRate()).isEqualTo(1.0);
    assertThat(funnel.checkoutRate()).isEqualTo(0.6);
    assertThat(funnel.purchaseRate()).isEqualTo(1.0);
    assertThat(funnel.conversionRate()).isEqualTo(0.6);
  }

  @Test
  void anOrderOnlyShopConvertsEveryBuyerCompletely() {
    // CDNOW and Online Retail send orders only: every step is implied by the orders.
    Funnel funnel = Funnel.withImpliedSteps(0, 0, 0, 3);

    assertThat(funnel).isEqualTo(new Funnel(3, 3, 3, 3));
    assertThat(new double[] {funnel.cartRate(), funnel.checkoutRate(), funnel.purchaseRate(), funnel.conversionRate()})
        .containsExactly(1, 1, 1, 1);
  }

  @Test
  void anEmptyWindowHasRatesOfZero() {
    Funnel funnel = Funnel.withImpliedSteps(0, 0, 0, 0);

    assertThat(new double[] {funnel.cartRate(), funnel.checkoutRate(), funnel.purchaseRate(), funnel.conversionRate()})
        .containsExactly(0, 0, 0, 0);
  }

  @Test
  void viewersWhoNeverBoughtHaveACartRateAndNothingAfterIt() {
    Funnel funnel = Funnel.withImpliedSteps(3, 1, 0, 0);

    assertThat(funnel).isEqualTo(new Funnel(3, 1, 0, 0));
    assertThat(funnel.cartRate()).isEqualTo(1.0 / 3);
    assertThat(new double[] {funnel.checkoutRate(), funnel.purchaseRate(), funnel.conversionRate()}).containsExactly(0, 0, 0);
  }

  @Test
  void theScorerPublishesTheImpliedFunnelOfTheLast90Days() {
    FeatureUpdater updater = new FeatureUpdater(FeatureSettings.defaults());
    long today = 20_000 * DAY;
    CustomerEvent first = click(EventKind.PRODUCT_VIEW, today - 100 * DAY);
    CustomerState state = FeatureUpdater.newCustomer(first);
    // Outside the window: an old view and an old purchase.
    updater.apply(state, first);
    updater.apply(state, order(today - 95 * DAY));
    // Inside: four product views, one cart add, two paid orders, no checkout event at all.
    for (int i = 0; i < 4; i++) {
      updater.apply(state, click(EventKind.PRODUCT_VIEW, today - 10 * DAY + i * 60_000));
    }
    updater.apply(state, click(EventKind.ADD_TO_CART, today - 10 * DAY + 300_000));
    updater.apply(state, order(today - 10 * DAY + 400_000));
    updater.apply(state, order(today - 2 * DAY));
    ProfileScorer scorer = new ProfileScorer(RfmSettings.defaults(), new ClvModel(ClvSettings.defaults()), ChurnModel.defaults());

    Scores scores = scorer.score(state, today + 3_600_000);

    assertThat(new long[] {scores.funnelProductViews90d, scores.funnelCartAdds90d, scores.funnelCheckouts90d,
        scores.funnelOrders90d}).containsExactly(4, 2, 2, 2);
    assertThat(new double[] {scores.cartRate90d, scores.checkoutRate90d, scores.purchaseRate90d, scores.conversionRate90d})
        .containsExactly(0.5, 1, 1, 0.5);
  }

  private static int sequence;

  private static CustomerEvent click(EventKind kind, long time) {
    return new CustomerEvent("ann", "c" + (++sequence), kind, time, time, 0, null);
  }

  private static CustomerEvent order(long time) {
    return new CustomerEvent("ann", "o" + (++sequence), EventKind.ORDER_PAID, time, time, 1_000, "EUR");
  }
}
