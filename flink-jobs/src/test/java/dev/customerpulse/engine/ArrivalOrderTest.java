package dev.customerpulse.engine;

import static dev.customerpulse.engine.TestEvents.DAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.ingest.EventMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arrival-order cases the property test found, one by one, with both orders written out. */
class ArrivalOrderTest {
  private static final long HOUR = 3_600_000L;

  private static CustomerEvent click(String key, EventKind kind, long time, String id) {
    return new CustomerEvent(key, id, kind, time, time, 0, null);
  }

  private static CustomerEvent identify(long time) {
    return click("ann", EventKind.IDENTIFY, time, "id-1").withIdentity(null, "pii1:ann-email-aaaaaaaaaaa", null, Long.MIN_VALUE);
  }

  private static EngineDriver play(List<CustomerEvent> events) throws Exception {
    EngineDriver engine = new EngineDriver(TestLogic.DEFAULTS);
    for (CustomerEvent event : events) {
      engine.processElement(event);
      engine.deliverHandoffs();
    }
    engine.deliverHandoffs();
    return engine;
  }

  @Test
  void anIdentifyLowersFirstSeenWhetherItArrivesFirstOrLater() throws Exception {
    CustomerEvent view = click("ann", EventKind.PAGE_VIEW, 10 * DAY + HOUR, "c-1");
    CustomerEvent consent = click("ann", EventKind.CONSENT, 10 * DAY - HOUR, "k-1").withConsent("marketing", true, "web");

    EngineDriver identifyFirst = play(List.of(identify(10 * DAY), view));
    EngineDriver identifyLater = play(List.of(view, identify(10 * DAY)));
    EngineDriver consentLater = play(List.of(view, consent));

    assertThat(identifyFirst.stateOf("ann").firstSeen).isEqualTo(10 * DAY);
    assertThat(identifyLater.stateOf("ann").firstSeen).as("was the view's time").isEqualTo(10 * DAY);
    assertThat(consentLater.stateOf("ann").firstSeen).as("was the view's time").isEqualTo(10 * DAY - HOUR);
    assertThat(identifyLater.stateOf("ann").lastSeen).as("an identity is not activity").isEqualTo(10 * DAY + HOUR);
  }

  @Test
  void theVersionCountsAVisitorsEventsWhetherHandedOverOrForwarded() throws Exception {
    CustomerEvent seen = click("anon:d1", EventKind.PAGE_VIEW, DAY, "a-1");
    CustomerEvent alsoSeen = click("anon:d1", EventKind.PRODUCT_VIEW, DAY + 60_000, "a-2");
    CustomerEvent search = click("ann", EventKind.SEARCH, DAY + 90_000, "c-1");
    CustomerEvent login = click("ann", EventKind.LOGIN, DAY + 120_000, "c-2");
    login.otherKey = "anon:d1";
    CustomerEvent link = EventMapper.linkOf(login);
    CustomerEvent view = click("ann", EventKind.PAGE_VIEW, DAY + 180_000, "c-3");

    // The device's clicks reach the visitor's key before the link (handed over in one ABSORB) or
    // after it (forwarded one by one); the link may reach the visitor before the customer's own clicks.
    EngineDriver handedOver = play(List.of(seen, alsoSeen, search, login, view, link));
    EngineDriver forwarded = play(List.of(search, login, link, view, seen, alsoSeen));
    EngineDriver linkFirst = play(List.of(seen, alsoSeen, link, search, login, view));

    assertThat(forwarded.stateOf("ann").version).as("five events applied").isEqualTo(5);
    assertThat(handedOver.stateOf("ann").version).as("3 + 2; was max(3, 2) + 1").isEqualTo(5);
    assertThat(linkFirst.stateOf("ann").version).as("2, then three events; was 2 + 1, then three").isEqualTo(5);
    assertThat(handedOver.stateOf("ann").pageViews + handedOver.stateOf("ann").productViews).isEqualTo(3);
  }
}
