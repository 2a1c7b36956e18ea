package dev.customerpulse.generator;

import dev.customerpulse.avro.ClickChannel;
import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.IdentityEvent;
import dev.customerpulse.avro.IdentityEventType;
import dev.customerpulse.avro.ClickType;
import dev.customerpulse.avro.DeviceType;
import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.OrderLine;
import dev.customerpulse.avro.OrderStatus;
import dev.customerpulse.avro.ServiceCallEvent;
import dev.customerpulse.avro.ServiceChannel;
import dev.customerpulse.generator.GeneratedEvent.Corruption;
import dev.customerpulse.generator.GeneratedEvent.Input;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An endless, reproducible stream of realistic customer activity: many shopping sessions in flight
 * at once (browse, search, view products, add to cart, check out, pay; sometimes anonymous until
 * login, sometimes cancelled or refunded, sometimes followed by a service call), customers of very
 * different activity and spend, and a share of customers who drift away and go silent.
 */
public final class EventGenerator {
  private static final int SESSIONS_IN_FLIGHT = 256;
  private static final Corruption[] CORRUPTIONS = {
    Corruption.GARBAGE, Corruption.WRONG_MAGIC_BYTE, Corruption.UNKNOWN_SCHEMA_ID, Corruption.TRUNCATED, Corruption.EMPTY
  };

  private final GeneratorSettings settings;
  private final SplittableRandom random;
  private final SyntheticCustomer[] customers;
  private final double[] cumulativeActivity;
  private final Session[] sessions;
  private final String runId;
  private long emitted;
  private long eventSequence;
  private long sessionSequence;

  public EventGenerator(GeneratorSettings settings) {
    this.settings = settings;
    this.random = new SplittableRandom(settings.seed());
    this.customers = new SyntheticCustomer[settings.customers()];
    this.cumulativeActivity = new double[settings.customers()];
    double total = 0;
    for (int i = 0; i < customers.length; i++) {
      customers[i] = new SyntheticCustomer(i, settings.seed(), settings);
      total += customers[i].activity;
      cumulativeActivity[i] = total;
    }
    this.sessions = new Session[Math.min(SESSIONS_IN_FLIGHT, customers.length)];
    this.runId = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
  }

  /** Event time of the next event. */
  public long eventTime() {
    return settings.start().toEpochMilli() + (long) (emitted * settings.eventTimeStepMillis());
  }

  /** The id of the customer with the highest activity who never goes silent. */
  public String mostActiveCustomerId() {
    SyntheticCustomer best = null;
    for (SyntheticCustomer customer : customers) {
      if (customer.silentAfter == Long.MAX_VALUE && (best == null || customer.activity > best.activity)) {
        best = customer;
      }
    }
    return (best == null ? customers[0] : best).id;
  }

  public long emitted() {
    return emitted;
  }

  public GeneratedEvent next() {
    long now = eventTime();
    int slot = random.nextInt(sessions.length);
    Session session = sessions[slot];
    // A customer who drifts away leaves mid-session too.
    if (session == null || session.steps.isEmpty() || !session.customer.activeAt(now)) {
      session = newSession(now);
      sessions[slot] = session;
    }
    GeneratedEvent event = session.emit(session.steps.poll(), now);
    emitted++;
    if (settings.badRecordShare() > 0 && random.nextDouble() < settings.badRecordShare()) {
      return new GeneratedEvent(event.input(), event.key(), event.record(), CORRUPTIONS[random.nextInt(CORRUPTIONS.length)]);
    }
    return event;
  }

  private Session newSession(long now) {
    SyntheticCustomer customer = pickActiveCustomer(now);
    return new Session(customer, "s-" + runId + "-" + (sessionSequence++), plan(customer));
  }

  /** A customer drawn by activity among those who have not gone silent. */
  private SyntheticCustomer pickActiveCustomer(long now) {
    double total = cumulativeActivity[cumulativeActivity.length - 1];
    for (int attempt = 0; attempt < 64; attempt++) {
      int index = java.util.Arrays.binarySearch(cumulativeActivity, random.nextDouble() * total);
      SyntheticCustomer customer = customers[index < 0 ? -index - 1 : index];
      if (customer.activeAt(now)) {
        return customer;
      }
    }
    // Unlucky draws only: walk from a random start to the next active customer (loyal ones always are).
    int start = random.nextInt(customers.length);
    for (int i = 0; i < customers.length; i++) {
      SyntheticCustomer customer = customers[(start + i) % customers.length];
      if (customer.activeAt(now)) {
        return customer;
      }
    }
    throw new IllegalStateException("no customer is active at " + now + "; the drift share leaves nobody");
  }

  private enum Step { IDENTIFY, ANON_VIEW, LOGIN, PAGE_VIEW, SEARCH, PRODUCT_VIEW, ADD_TO_CART, REMOVE_FROM_CART, CHECKOUT,
    ORDER_PLACED, ORDER_PAID, ORDER_CANCELLED, ORDER_REFUNDED, SERVICE_CALL }

  private ArrayDeque<Step> plan(SyntheticCustomer customer) {
    ArrayDeque<Step> steps = new ArrayDeque<>();
    if (!customer.identified) {
      // The first visit signs the customer up: contact details for the identities topic.
      customer.identified = true;
      steps.add(Step.IDENTIFY);
    }
    if (random.nextDouble() < settings.anonymousShare()) {
      for (int i = 1 + random.nextInt(3); i > 0; i--) {
        steps.add(Step.ANON_VIEW);
      }
      steps.add(Step.LOGIN);
    }
    for (int i = 1 + random.nextInt(3); i > 0; i--) {
      steps.add(Step.PAGE_VIEW);
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      steps.add(Step.SEARCH);
    }
    for (int i = 1 + random.nextInt(5); i > 0; i--) {
      steps.add(Step.PRODUCT_VIEW);
    }
    if (random.nextDouble() < customer.cartProbability) {
      steps.add(Step.ADD_TO_CART);
      if (random.nextDouble() < 0.15) {
        steps.add(Step.REMOVE_FROM_CART);
      } else if (random.nextDouble() < 0.6) {
        steps.add(Step.CHECKOUT);
        if (random.nextDouble() < customer.purchaseProbability) {
          steps.add(Step.ORDER_PLACED);
          if (random.nextDouble() < 0.03) {
            steps.add(Step.ORDER_CANCELLED);
          } else {
            steps.add(Step.ORDER_PAID);
            if (random.nextDouble() < (customer.unhappy ? 0.12 : 0.03)) {
              steps.add(Step.ORDER_REFUNDED);
            }
          }
        }
      }
    }
    if (random.nextDouble() < customer.serviceProbability) {
      steps.add(Step.SERVICE_CALL);
    }
    return steps;
  }

  private String nextEventId() {
    return "e-" + runId + "-" + Long.toString(eventSequence++, 36);
  }

  /** One shopping session of one customer, emitted step by step. */
  private final class Session {
    final SyntheticCustomer customer;
    final String sessionId;
    final ArrayDeque<Step> steps;
    final ClickChannel channel;
    final DeviceType device;
    String productId;
    String category;
    long priceMinor;
    String orderId;
    long orderAmount;
    List<OrderLine> lines = List.of();

    Session(SyntheticCustomer customer, String sessionId, ArrayDeque<Step> steps) {
      this.customer = customer;
      this.sessionId = sessionId;
      this.steps = steps;
      int c = random.nextInt(10);
      this.channel = c < 6 ? ClickChannel.WEB : c < 8 ? ClickChannel.IOS_APP : ClickChannel.ANDROID_APP;
      this.device = channel == ClickChannel.WEB ? (random.nextInt(3) == 0 ? DeviceType.MOBILE : DeviceType.DESKTOP) : DeviceType.MOBILE;
    }

    GeneratedEvent emit(Step step, long now) {
      return switch (step) {
        case IDENTIFY -> identify(now);
        case ANON_VIEW -> click(null, ClickType.PAGE_VIEW, now);
        case LOGIN -> click(customer.id, ClickType.LOGIN, now);
        case PAGE_VIEW -> click(customer.id, ClickType.PAGE_VIEW, now);
        case SEARCH -> click(customer.id, ClickType.SEARCH, now);
        case PRODUCT_VIEW -> {
          pickProduct();
          yield click(customer.id, ClickType.PRODUCT_VIEW, now);
        }
        case ADD_TO_CART -> {
          if (productId == null) {
            pickProduct();
          }
          yield click(customer.id, ClickType.ADD_TO_CART, now);
        }
        case REMOVE_FROM_CART -> click(customer.id, ClickType.REMOVE_FROM_CART, now);
        case CHECKOUT -> click(customer.id, ClickType.CHECKOUT_START, now);
        case ORDER_PLACED -> {
          startOrder();
          yield order(OrderStatus.PLACED, now);
        }
        case ORDER_PAID -> order(OrderStatus.PAID, now);
        case ORDER_CANCELLED -> order(OrderStatus.CANCELLED, now);
        case ORDER_REFUNDED -> order(OrderStatus.REFUNDED, now);
        case SERVICE_CALL -> serviceCall(now);
      };
    }

    private void pickProduct() {
      category = random.nextDouble() < 0.7
          ? customer.favouriteCategories[random.nextInt(2)]
          : SyntheticCustomer.CATEGORIES[random.nextInt(SyntheticCustomer.CATEGORIES.length)];
      productId = "p-" + random.nextInt(20_000);
      priceMinor = Math.max(199, Math.round(customer.averageOrderMinor * (0.3 + random.nextDouble())));
    }

    private void startOrder() {
      orderId = "o-" + runId + "-" + Long.toString(eventSequence, 36);
      int quantity = 1 + (random.nextDouble() < 0.2 ? random.nextInt(3) : 0);
      lines = List.of(new OrderLine(productId, category, quantity, priceMinor));
      orderAmount = priceMinor * quantity + (random.nextDouble() < 0.5 ? 495 : 0);
    }

    private GeneratedEvent click(String customerId, ClickType type, long now) {
      boolean product = type == ClickType.PRODUCT_VIEW || type == ClickType.ADD_TO_CART || type == ClickType.REMOVE_FROM_CART;
      ClickEvent click = new ClickEvent(nextEventId(), customerId, customer.deviceId, sessionId, Instant.ofEpochMilli(now), type,
          product ? productId : null, product ? category : null, product ? priceMinor : null,
          product ? customer.currency : null, channel, device);
      return new GeneratedEvent(Input.CLICKS, customerId != null ? customerId : customer.deviceId, click);
    }

    private GeneratedEvent order(OrderStatus status, long now) {
      OrderEvent order = new OrderEvent(nextEventId(), orderId, customer.id, Instant.ofEpochMilli(now), status,
          status == OrderStatus.PLACED ? lines : new ArrayList<>(), orderAmount, customer.currency);
      return new GeneratedEvent(Input.ORDERS, customer.id, order);
    }

    /**
     * A sign-up as a CRM would send it: contact details typed by people (case, spaces, national
     * phone numbers) and the sign-up time in one of the formats systems write.
     */
    private GeneratedEvent identify(long now) {
      int n = customer.index;
      String email = (n % 3 == 0 ? " " : "") + (n % 2 == 0 ? "Customer." : "customer.") + n + "@Example.com";
      String phone = n % 2 == 0 ? "030 " + (1_000_000 + n % 9_000_000) : "+49 30 " + (1_000_000 + n % 9_000_000);
      Instant signedUp = Instant.ofEpochMilli(now).minusSeconds(86_400L * (n % 700)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      String signedUpText = switch (n % 3) {
        case 0 -> signedUp.toString();
        case 1 -> java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(signedUp.atZone(java.time.ZoneOffset.UTC));
        default -> Long.toString(signedUp.getEpochSecond());
      };
      IdentityEvent identity = IdentityEvent.newBuilder()
          .setEventId(nextEventId())
          .setEventTime(Instant.ofEpochMilli(now))
          .setType(IdentityEventType.IDENTIFY)
          .setCustomerId(customer.id)
          .setEmail(email)
          .setPhone(phone)
          .setCountry("DE")
          .setSignedUpAt(signedUpText)
          .setBirthDate(java.time.LocalDate.of(1950 + n % 50, 1 + n % 12, 1 + n % 28).toString())
          .build();
      return new GeneratedEvent(Input.IDENTITIES, customer.id, identity);
    }

    private GeneratedEvent serviceCall(long now) {
      boolean complaint = random.nextDouble() < (customer.unhappy ? 0.6 : 0.15);
      boolean resolved = random.nextDouble() < (complaint ? 0.55 : 0.9);
      int satisfaction = customer.unhappy ? 1 + random.nextInt(3) : 3 + random.nextInt(3);
      Integer nps = random.nextDouble() < 0.5 ? (customer.unhappy ? random.nextInt(7) : 6 + random.nextInt(5)) : null;
      ServiceChannel channel = ServiceChannel.values()[random.nextInt(3)];
      String[] reasons = {"delivery", "billing", "product_defect", "returns", "account"};
      ServiceCallEvent call = new ServiceCallEvent(nextEventId(), customer.id, Instant.ofEpochMilli(now), channel,
          reasons[random.nextInt(reasons.length)], complaint, resolved, random.nextDouble() < 0.7 ? satisfaction : null, nps,
          channel == ServiceChannel.EMAIL ? null : 60 + random.nextInt(900));
      return new GeneratedEvent(Input.SERVICE_CALLS, customer.id, call);
    }
  }
}
