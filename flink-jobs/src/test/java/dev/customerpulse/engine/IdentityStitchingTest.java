package dev.customerpulse.engine;



import dev.customerpulse.state.CustomerState;
import static dev.customerpulse.engine.TestEvents.DAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.identity.HandoffRecords;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.ingest.EventMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Logins link anonymous visitors to customers, merges fold one customer into another, on the engine.
 * The test plays the customer-handoffs topic itself: what the engine hands off is encoded as on the
 * topic and fed back in, as the job's Kafka loop does. (Across a restore: profile.IdentityRestoreTest.)
 */
class IdentityStitchingTest {
  private EngineDriver engine;
  private final Unread<CustomerEvent> handoffs = new Unread<>(() -> engine.handoffs);
  private int sequence;

  @BeforeEach
  void open() throws Exception {
    engine = new EngineDriver(TestLogic.DEFAULTS);
  }



  private CustomerEvent event(String key, EventKind kind, long time) {
    return new CustomerEvent(key, "e" + (++sequence), kind, time, time, 0, null);
  }

  private CustomerEvent paid(String key, long time, long amount) {
    return new CustomerEvent(key, "o" + (++sequence), EventKind.ORDER_PAID, time, time, amount, "EUR");
  }

  /** The LINK that the job derives from a login of {@code customer} on the device {@code visitor}. */
  private CustomerEvent login(String customer, String visitor, long time) throws Exception {
    CustomerEvent login = event(customer, EventKind.LOGIN, time);
    login.otherKey = "anon:" + visitor;
    send(login);
    return EventMapper.linkOf(login);
  }

  private CustomerEvent merge(String merged, String survivor, long time) {
    CustomerEvent merge = event(merged, EventKind.MERGE, time);
    merge.otherKey = survivor;
    return merge;
  }

  private void send(CustomerEvent event) throws Exception {
    engine.processElement(event, event.eventTime);
  }

  /** Handoffs written since the last call, as read back from the topic. */
  private List<CustomerEvent> handoffs() throws Exception {
    List<CustomerEvent> fresh = new ArrayList<>();
    for (CustomerEvent handoff : handoffs.take()) {
      fresh.add(HandoffRecords.decode(HandoffRecords.encode(handoff)));
    }
    return fresh;
  }

  /** Feeds the handoffs back in until none are left, as the Kafka loop does. */
  private void loop() throws Exception {
    for (List<CustomerEvent> batch = handoffs(); !batch.isEmpty(); batch = handoffs()) {
      for (CustomerEvent handoff : batch) {
        send(handoff);
      }
    }
  }

  private ProfileUpdate latest(String customer) {
    List<ProfileUpdate> out = engine.updates;
    for (int i = out.size() - 1; i >= 0; i--) {
      if (out.get(i).customerId.equals(customer)) {
        return out.get(i);
      }
    }
    throw new AssertionError("no profile of " + customer);
  }


  @Test
  void aVisitorsActivityBeforeLoginIsHandedToTheCustomer() throws Exception {
    send(event("anon:d1", EventKind.PAGE_VIEW, DAY));
    send(event("anon:d1", EventKind.PRODUCT_VIEW, DAY + 60_000));
    send(event("anon:d1", EventKind.ADD_TO_CART, DAY + 120_000));
    send(event("ann", EventKind.PAGE_VIEW, DAY + 180_000));

    send(login("ann", "d1", DAY + 240_000));
    List<CustomerEvent> handed = handoffs();
    assertThat(handed).singleElement().satisfies(h -> {
      assertThat(h.kind).isEqualTo(EventKind.ABSORB);
      assertThat(h.customerKey).isEqualTo("ann");
      assertThat(h.otherKey).isEqualTo("anon:d1");
    });
    for (CustomerEvent h : handed) {
      send(h);
    }

    ProfileUpdate ann = latest("ann");
    assertThat(ann.profile.pageViews).isEqualTo(2);
    assertThat(ann.profile.productViews).isEqualTo(1);
    assertThat(ann.profile.cartAdds).isEqualTo(1);
    assertThat(ann.profile.firstSeen).as("the visitor's first visit").isEqualTo(DAY);
    assertThat(ann.profile.cartOpenSince).as("the visitor's open cart").isEqualTo(DAY + 120_000);
    assertThat(ann.profile.sessions + (ann.profile.sessionStart != CustomerState.NONE ? 1 : 0))
        .as("one browsing session, on two keys before the login").isEqualTo(1);
    assertThat(engine.updates).extracting(u -> u.customerId).doesNotContain("anon:d1");
  }

  @Test
  void aVisitorsLaterAnonymousEventsAreForwardedToTheCustomer() throws Exception {
    send(login("ann", "d1", DAY));
    loop();
    assertThat(handoffs()).isEmpty();

    send(event("anon:d1", EventKind.PAGE_VIEW, DAY + 1_000));
    List<CustomerEvent> forwarded = handoffs();
    assertThat(forwarded).singleElement().satisfies(f -> {
      assertThat(f.customerKey).isEqualTo("ann");
      assertThat(f.kind).isEqualTo(EventKind.PAGE_VIEW);
      assertThat(f.hops).isEqualTo(1);
    });
    send(forwarded.get(0));
    assertThat(latest("ann").profile.pageViews).isEqualTo(1);
    // Replayed, the same event is a duplicate at the customer.
    send(forwarded.get(0));
    assertThat(latest("ann").profile.pageViews).isEqualTo(1);
  }

  @Test
  void aDeviceLoggedIntoByTooManyCustomersStaysAnonymous() throws Exception {
    send(event("anon:kiosk", EventKind.PAGE_VIEW, DAY));
    send(login("ann", "kiosk", DAY + 1));
    loop();
    assertThat(latest("ann").profile.pageViews).isEqualTo(1);
    send(login("bob", "kiosk", DAY + 2));
    send(login("cat", "kiosk", DAY + 3));
    loop();
    send(event("anon:kiosk", EventKind.PAGE_VIEW, DAY + 4));
    assertThat(handoffs()).as("within the guardrail (3), later visits go to the latest customer")
        .singleElement().extracting(h -> h.customerKey).isEqualTo("cat");

    send(login("dan", "kiosk", DAY + 5));
    send(event("anon:kiosk", EventKind.PAGE_VIEW, DAY + 6));
    send(login("ann", "kiosk", DAY + 7));
    send(event("anon:kiosk", EventKind.PAGE_VIEW, DAY + 8));
    assertThat(handoffs()).as("a fourth customer: a shared device, nothing handed on any more").isEmpty();
    assertThat(engine.keys()).contains("anon:kiosk");
    // Its own visits are counted as an anonymous visitor again, and published nowhere.
    assertThat(engine.updates).extracting(u -> u.customerId).doesNotContain("anon:kiosk");
    assertThat(latest("dan").profile.pageViews).as("dan has his login, not the kiosk's visits").isZero();
  }

  @Test
  void aMergeCombinesBothHistoriesUnderTheSurvivorAndDeletesTheOther() throws Exception {
    send(paid("ann", DAY, 500));
    send(paid("bob", 2 * DAY, 1_000));
    CustomerEvent bobsSecond = paid("bob", 3 * DAY, 1_000);
    send(bobsSecond);
    send(event("bob", EventKind.PAGE_VIEW, 3 * DAY));

    send(merge("bob", "ann", 4 * DAY));
    ProfileUpdate deletion = latest("bob");
    assertThat(deletion.deleted).isTrue();
    assertThat(deletion.profile.version).as("newer than every version bob had in Redis").isEqualTo(4);
    loop();

    ProfileUpdate ann = latest("ann");
    assertThat(ann.profile.orders).isEqualTo(3);
    assertThat(ann.profile.spendMinor).isEqualTo(2_500);
    assertThat(ann.profile.pageViews).isEqualTo(1);
    assertThat(ann.profile.purchases.repeatPurchases()).as("purchase days 1, 2, 3").isEqualTo(2);
    assertThat(ann.profile.lastSeen).as("the merge itself is not activity").isEqualTo(3 * DAY);

    send(bobsSecond);
    loop();
    assertThat(latest("ann").profile.orders).as("bob's event ids moved with his state").isEqualTo(3);
    send(paid("bob", 5 * DAY, 700));
    loop();
    assertThat(latest("ann").profile.orders).as("later orders of bob's id count for ann").isEqualTo(4);
    assertThat(latest("ann").profile.spendMinor).isEqualTo(3_200);
    assertThat(latest("bob").deleted).as("bob is never published again").isTrue();
  }

  @Test
  void mergingBackRevivesTheFirstIdWithEverything() throws Exception {
    send(paid("ann", DAY, 500));
    send(paid("bob", 2 * DAY, 1_000));
    send(merge("bob", "ann", 3 * DAY));
    loop();
    send(merge("ann", "bob", 4 * DAY));
    loop();

    ProfileUpdate bob = latest("bob");
    assertThat(bob.deleted).isFalse();
    assertThat(bob.profile.orders).isEqualTo(2);
    assertThat(bob.profile.spendMinor).isEqualTo(1_500);
    assertThat(latest("ann").deleted).isTrue();
    send(paid("ann", 5 * DAY, 100));
    loop();
    assertThat(latest("bob").profile.orders).isEqualTo(3);
  }

  @Test
  void anEventStillForwardedAfterTheHopLimitIsADeadLetter() throws Exception {
    send(merge("bob", "ann", DAY));
    loop();
    CustomerEvent looping = event("bob", EventKind.PAGE_VIEW, 2 * DAY);
    looping.hops = CustomerEngine.MAX_HOPS;
    send(looping);

    assertThat(handoffs()).isEmpty();
    assertThat(engine.deadLetters).singleElement().satisfies(letter -> {
      assertThat(letter.getReason()).isEqualTo("IDENTITY_LOOP");
      assertThat(letter.getSourceTopic()).isEqualTo("customer-handoffs");
      assertThat(HandoffRecords.decode(letter.getValue().array())).isEqualTo(looping);
    });
  }

  @Test
  void identifyStoresPseudonymsAndSignUpWithoutCountingAsActivity() throws Exception {
    send(event("ann", EventKind.PAGE_VIEW, DAY));
    CustomerEvent identify = event("ann", EventKind.IDENTIFY, 40 * DAY)
        .withIdentity(null, "pii1:fO46PKNenbDx9h874UFUoQ", "pii1:QvNRD3e9k42xCFd_yL4tRA", 12_345L);
    send(identify);

    CustomerState ann = latest("ann").profile;
    assertThat(ann.emailPseudonym).isEqualTo("pii1:fO46PKNenbDx9h874UFUoQ");
    assertThat(ann.phonePseudonym).isEqualTo("pii1:QvNRD3e9k42xCFd_yL4tRA");
    assertThat(ann.signedUpAt).isEqualTo(12_345L);
    assertThat(ann.lastSeen).isEqualTo(DAY);
    assertThat(ann.pageViews).isEqualTo(1);
  }

  @Test
  void mergedAndLinkedKeysAreForgottenAfterTheirRetention() throws Exception {
    send(event("anon:d1", EventKind.PAGE_VIEW, DAY));
    send(login("ann", "d1", DAY + 1));
    send(paid("bob", DAY, 100));
    send(merge("bob", "ann", DAY + 2));
    loop();
    assertThat(engine.keys()).containsExactly("ann", "anon:d1", "bob");

    engine.processWatermark(DAY + Duration.ofDays(31).toMillis());
    assertThat(engine.keys()).as("the visitor's alias lasts as long as a visitor").containsExactly("ann", "bob");
    engine.processWatermark(DAY + Duration.ofDays(731).toMillis());
    assertThat(engine.keys()).isEmpty();
    assertThat(engine.movedOutKeys()).as("no key keeps moved-out event ids").isEmpty();
    assertThat(engine.timerCount()).isZero();
  }
}
