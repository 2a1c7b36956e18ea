package dev.customerpulse.engine;

import dev.customerpulse.identity.HandoffRecords;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.ingest.EventMapper;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One customer's events as the job receives them: one queue per Kafka partition that carries them,
 * each in its own order (what Kafka and Flink guarantee), merged in an order chosen by a seed (what
 * they do not). A login is a click on the customer's partition followed by the LINK the source
 * derives from it; the visitor's anonymous clicks are on the device's partition. What the engine hands
 * off is encoded as on the customer-handoffs topic and joins a queue of its own, read at random later
 * moments, as the Kafka loop delivers it after some checkpoint.
 */
final class ArrivalOrder {
  static final String CUSTOMER = "c1";
  static final String VISITOR = "anon:d1";
  static final long MINUTE = 60_000L;
  private static final long DAY = TestEvents.DAY;

  /** The partitions: customer clicks (with links), device clicks, orders, service calls, identities. */
  final List<List<CustomerEvent>> partitions = new ArrayList<>();
  private final List<CustomerEvent> clicks = new ArrayList<>();
  private final List<CustomerEvent> deviceClicks = new ArrayList<>();
  private final List<CustomerEvent> orders = new ArrayList<>();
  private final List<CustomerEvent> calls = new ArrayList<>();
  private final List<CustomerEvent> identities = new ArrayList<>();
  private int sequence;

  private ArrivalOrder() {
    partitions.addAll(List.of(clicks, deviceClicks, orders, calls, identities));
  }

  /**
   * A customer history like the generator's: a sign-up (IDENTIFY) and a consent first, then sessions
   * of clicks, some starting anonymous on the customer's one device until a login, some with a cart,
   * a checkout, an order paid and maybe refunded, some with a service call; sessions a few minutes to
   * days apart (some closer than the session gap), and sometimes a later CRM update.
   */
  static ArrivalOrder history(long seed) {
    ArrivalOrder h = new ArrivalOrder();
    SplittableRandom random = new SplittableRandom(seed);
    long t = 20_000 * DAY + random.nextLong(DAY);
    h.identities.add(h.identify(t, 20_000 * DAY - 400 * DAY));
    h.identities.add(h.event(EventKind.CONSENT, t + MINUTE).withConsent("marketing", true, "web"));
    int sessions = 1 + random.nextInt(5);
    for (int s = 0; s < sessions; s++) {
      t += switch (random.nextInt(3)) {
        case 0 -> random.nextLong(1, 40) * MINUTE;
        case 1 -> random.nextLong(1, 12) * 60 * MINUTE;
        default -> random.nextLong(1, 20) * DAY;
      };
      if (random.nextInt(3) == 0) {
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
          h.deviceClicks.add(new CustomerEvent(VISITOR, h.id(), EventKind.PAGE_VIEW, t, t, 0, null));
          t += step(random);
        }
        CustomerEvent login = h.event(EventKind.LOGIN, t);
        login.otherKey = VISITOR;
        h.clicks.add(login);
        h.clicks.add(EventMapper.linkOf(login));
        t += step(random);
      }
      for (int i = 1 + random.nextInt(3); i > 0; i--) {
        h.clicks.add(h.event(EventKind.PAGE_VIEW, t));
        t += step(random);
      }
      for (int i = random.nextInt(3); i > 0; i--) {
        h.clicks.add(h.event(EventKind.PRODUCT_VIEW, t).withCategory(random.nextBoolean() ? "books" : "garden"));
        t += step(random);
      }
      int cart = random.nextInt(5);
      if (cart >= 1) {
        h.clicks.add(h.event(EventKind.ADD_TO_CART, t).withCategory("books"));
        t += step(random);
      }
      if (cart >= 2) {
        h.clicks.add(h.event(EventKind.CHECKOUT_START, t));
        t += step(random);
      }
      if (cart >= 3) {
        long amount = 1_000 + random.nextInt(20_000);
        h.orders.add(h.order(EventKind.ORDER_PLACED, t, amount));
        t += step(random);
        h.orders.add(h.order(EventKind.ORDER_PAID, t, amount).withCategory("books"));
        t += step(random);
        if (cart == 4) {
          h.orders.add(h.order(EventKind.ORDER_REFUNDED, t + DAY, amount));
        }
      }
      if (random.nextInt(4) == 0) {
        h.calls.add(h.event(EventKind.SERVICE_CALL, t).withServiceOutcome(random.nextBoolean(), random.nextBoolean(),
            1 + random.nextInt(5), random.nextInt(11)));
        t += step(random);
      }
    }
    if (random.nextBoolean()) {
      // A CRM update after the last activity: a fact, not activity.
      h.identities.add(h.identify(t + 3 * DAY, Long.MIN_VALUE));
    }
    return h;
  }

  private static long step(SplittableRandom random) {
    return random.nextLong(5_000, 20 * MINUTE);
  }

  private String id() {
    return "h" + (++sequence);
  }

  private CustomerEvent event(EventKind kind, long time) {
    return new CustomerEvent(CUSTOMER, id(), kind, time, time, 0, null);
  }

  private CustomerEvent order(EventKind kind, long time, long amount) {
    return new CustomerEvent(CUSTOMER, id(), kind, time, time, amount, "EUR");
  }

  private CustomerEvent identify(long time, long signedUpAt) {
    return event(EventKind.IDENTIFY, time).withIdentity(null, "pii1:email-" + sequence, null, signedUpAt);
  }

  /** Whether the customer browsed anonymously before some login (their device's clicks reach them through the handoff loop). */
  boolean hasVisitor() {
    return !deviceClicks.isEmpty();
  }

  /**
   * Feeds the history to {@code engine} in the arrival order of {@code seed}, the handoffs included,
   * until nothing is left in flight.
   */
  void play(EngineDriver engine, long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    List<ArrayDeque<CustomerEvent>> queues = new ArrayList<>();
    for (List<CustomerEvent> partition : partitions) {
      queues.add(new ArrayDeque<>(partition));
    }
    ArrayDeque<CustomerEvent> handoffs = new ArrayDeque<>();
    queues.add(handoffs);
    while (true) {
      List<ArrayDeque<CustomerEvent>> ready = queues.stream().filter(q -> !q.isEmpty()).toList();
      if (ready.isEmpty()) {
        return;
      }
      CustomerEvent next = ready.get(random.nextInt(ready.size())).poll();
      engine.processElement(next);
      for (CustomerEvent handoff : engine.handoffs) {
        handoffs.add(HandoffRecords.decode(HandoffRecords.encode(handoff)));
      }
      engine.handoffs.clear();
    }
  }
}
