package dev.customerpulse.ingest;

import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.ServiceCallEvent;
import dev.customerpulse.connectors.kafka.DeadLetterReason;
import dev.customerpulse.connectors.kafka.DecodeException;
import java.io.Serializable;

/** Turns decoded input records into {@link CustomerEvent}s; a record without a customer key is rejected. */
public final class EventMapper {
  private EventMapper() {}

  /** One input type's mapping, kept serializable so the Kafka deserializer can carry it. */
  @FunctionalInterface
  public interface Mapping<T> extends Serializable {
    CustomerEvent map(T record, long sourceTimestamp) throws DecodeException;
  }

  public static CustomerEvent fromClick(ClickEvent click, long sourceTimestamp) throws DecodeException {
    String key;
    if (CustomerKeys.present(click.getCustomerId())) {
      key = click.getCustomerId();
    } else if (CustomerKeys.present(click.getAnonymousId())) {
      key = CustomerKeys.anonymous(click.getAnonymousId());
    } else {
      throw missingKey("click " + click.getEventId() + " has neither customer_id nor anonymous_id");
    }
    long price = click.getPriceMinor() == null ? 0 : click.getPriceMinor();
    CustomerEvent event = new CustomerEvent(key, click.getEventId(), kindOf(click), click.getEventTime().toEpochMilli(),
        sourceTimestamp, price, EventValidator.normalCurrency(click.getCurrency())).withCategory(click.getCategory());
    if (event.kind == EventKind.LOGIN && !CustomerKeys.isAnonymous(key) && CustomerKeys.present(click.getAnonymousId())) {
      // A login shows which visitor this customer was: link them (see linkOf).
      event.otherKey = CustomerKeys.anonymous(click.getAnonymousId());
    }
    return event;
  }

  public static CustomerEvent fromOrder(OrderEvent order, long sourceTimestamp) throws DecodeException {
    if (!CustomerKeys.present(order.getCustomerId())) {
      throw missingKey("order event " + order.getEventId() + " has an empty customer_id");
    }
    EventKind kind = switch (order.getStatus()) {
      case PLACED -> EventKind.ORDER_PLACED;
      case PAID -> EventKind.ORDER_PAID;
      case CANCELLED -> EventKind.ORDER_CANCELLED;
      case REFUNDED -> EventKind.ORDER_REFUNDED;
      case OTHER -> EventKind.ORDER_OTHER;
    };
    String category = order.getLines().isEmpty() ? null : order.getLines().get(0).getCategory();
    return new CustomerEvent(order.getCustomerId(), order.getEventId(), kind, order.getEventTime().toEpochMilli(),
        sourceTimestamp, order.getAmountMinor(), EventValidator.normalCurrency(order.getCurrency())).withCategory(category);
  }

  public static CustomerEvent fromServiceCall(ServiceCallEvent call, long sourceTimestamp) throws DecodeException {
    if (!CustomerKeys.present(call.getCustomerId())) {
      throw missingKey("service call " + call.getEventId() + " has an empty customer_id");
    }
    // Out-of-range answers count as not answered.
    Integer s = call.getSatisfaction();
    int satisfaction = s == null || s < 1 || s > 5 ? 0 : s;
    Integer n = call.getNps();
    int nps = n == null || n < 0 || n > 10 ? -1 : n;
    return new CustomerEvent(call.getCustomerId(), call.getEventId(), EventKind.SERVICE_CALL,
        call.getEventTime().toEpochMilli(), sourceTimestamp, 0, null)
        .withServiceOutcome(call.getComplaint(), call.getResolved(), satisfaction, nps);
  }

  /**
   * The LINK that a login or an IDENTIFY with an anonymous id implies, addressed to the anonymous
   * key (which holds the visitor's activity so far); null when the event links nothing.
   */
  public static CustomerEvent linkOf(CustomerEvent event) {
    if ((event.kind != EventKind.LOGIN && event.kind != EventKind.IDENTIFY) || event.otherKey == null
        || !CustomerKeys.isAnonymous(event.otherKey)) {
      return null;
    }
    return new CustomerEvent(event.otherKey, event.eventId + "/link", EventKind.LINK, event.eventTime, event.sourceTimestamp, 0,
        null).withIdentity(event.customerKey, null, null, Long.MIN_VALUE);
  }

  private static EventKind kindOf(ClickEvent click) {
    return switch (click.getType()) {
      case PAGE_VIEW -> EventKind.PAGE_VIEW;
      case PRODUCT_VIEW -> EventKind.PRODUCT_VIEW;
      case SEARCH -> EventKind.SEARCH;
      case ADD_TO_CART -> EventKind.ADD_TO_CART;
      case REMOVE_FROM_CART -> EventKind.REMOVE_FROM_CART;
      case CHECKOUT_START -> EventKind.CHECKOUT_START;
      case LOGIN -> EventKind.LOGIN;
      case LOGOUT -> EventKind.LOGOUT;
      case OTHER -> EventKind.CLICK_OTHER;
    };
  }

  private static DecodeException missingKey(String message) {
    return new DecodeException(DeadLetterReason.MISSING_CUSTOMER_KEY, message, null);
  }
}
