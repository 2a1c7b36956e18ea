package dev.customerpulse.ingest;

import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.IdentityEvent;
import dev.customerpulse.avro.PrivacyRequest;
import dev.customerpulse.avro.PrivacyRequestType;
import dev.customerpulse.avro.IdentityEventType;
import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.OrderLine;
import dev.customerpulse.avro.ServiceCallEvent;
import dev.customerpulse.connectors.kafka.DeadLetterReason;
import dev.customerpulse.connectors.kafka.DecodeException;
import java.io.Serializable;
import java.time.Instant;
import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks decoded events against {@link EventLimits}; the first problem found becomes a dead letter
 * with a stable reason. The schema already guarantees types and enum symbols (unknown symbols read
 * as OTHER), so this checks what a schema cannot: ids, sizes, amounts, currencies and time.
 */
public final class EventValidator implements Serializable {
  private static final Set<String> CURRENCIES =
      Currency.getAvailableCurrencies().stream().map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

  private final EventLimits limits;

  public EventValidator(EventLimits limits) {
    this.limits = limits;
  }

  /** One input type's check, given the ingesting machine's clock in epoch milliseconds. */
  @FunctionalInterface
  public interface Check<T> extends Serializable {
    void check(T record, long nowMillis) throws DecodeException;
  }

  public void click(ClickEvent click, long nowMillis) throws DecodeException {
    common(click.getEventId(), click.getEventTime(), nowMillis);
    text("customer_id", click.getCustomerId());
    text("anonymous_id", click.getAnonymousId());
    text("session_id", click.getSessionId());
    text("product_id", click.getProductId());
    text("category", click.getCategory());
    if (click.getPriceMinor() != null) {
      amount("price_minor", click.getPriceMinor());
      currency(click.getCurrency(), "price_minor");
    } else if (click.getCurrency() != null) {
      currency(click.getCurrency(), "currency");
    }
  }

  public void order(OrderEvent order, long nowMillis) throws DecodeException {
    common(order.getEventId(), order.getEventTime(), nowMillis);
    if (order.getOrderId().isBlank()) {
      throw problem(DeadLetterReason.MISSING_EVENT_ID, "order event " + order.getEventId() + " has an empty order_id");
    }
    text("order_id", order.getOrderId());
    text("customer_id", order.getCustomerId());
    amount("amount_minor", order.getAmountMinor());
    currency(order.getCurrency(), "amount_minor");
    if (order.getLines().size() > limits.maxOrderLines()) {
      throw problem(DeadLetterReason.INVALID_VALUE,
          "order has " + order.getLines().size() + " lines, more than " + limits.maxOrderLines());
    }
    for (OrderLine line : order.getLines()) {
      text("lines.product_id", line.getProductId());
      text("lines.category", line.getCategory());
      if (line.getQuantity() < 0) {
        throw problem(DeadLetterReason.INVALID_VALUE, "order line quantity " + line.getQuantity() + " is negative");
      }
      amount("lines.unit_price_minor", line.getUnitPriceMinor());
    }
  }

  public void serviceCall(ServiceCallEvent call, long nowMillis) throws DecodeException {
    common(call.getEventId(), call.getEventTime(), nowMillis);
    text("customer_id", call.getCustomerId());
    text("reason", call.getReason());
    Integer satisfaction = call.getSatisfaction();
    if (satisfaction != null && (satisfaction < 1 || satisfaction > 5)) {
      throw problem(DeadLetterReason.INVALID_VALUE, "satisfaction " + satisfaction + " is not 1-5");
    }
    Integer nps = call.getNps();
    if (nps != null && (nps < 0 || nps > 10)) {
      throw problem(DeadLetterReason.INVALID_VALUE, "nps " + nps + " is not 0-10");
    }
    Integer duration = call.getDurationSeconds();
    if (duration != null && duration < 0) {
      throw problem(DeadLetterReason.INVALID_VALUE, "duration_seconds " + duration + " is negative");
    }
  }

  /** A privacy request: an id, a known type and someone to find (a customer id, an email or a phone). */
  public void privacyRequest(PrivacyRequest request, long nowMillis) throws DecodeException {
    common(request.getRequestId(), request.getRequestedAt(), nowMillis);
    if (request.getType() == PrivacyRequestType.OTHER) {
      throw problem(DeadLetterReason.INVALID_VALUE, "privacy request " + request.getRequestId() + " of a type this job does not know");
    }
    if (!CustomerKeys.present(request.getCustomerId()) && !CustomerKeys.present(request.getEmail())
        && !CustomerKeys.present(request.getPhone())) {
      throw problem(DeadLetterReason.MISSING_CUSTOMER_KEY, "privacy request " + request.getRequestId()
          + " names no customer_id, email or phone");
    }
    text("customer_id", request.getCustomerId());
    text("country", request.getCountry());
    text("requested_by", request.getRequestedBy());
  }

  public void identity(IdentityEvent identity, long nowMillis) throws DecodeException {
    common(identity.getEventId(), identity.getEventTime(), nowMillis);
    if (!CustomerKeys.present(identity.getCustomerId())) {
      throw problem(DeadLetterReason.MISSING_CUSTOMER_KEY, "identity event " + identity.getEventId() + " has an empty customer_id");
    }
    text("customer_id", identity.getCustomerId());
    text("anonymous_id", identity.getAnonymousId());
    text("merged_customer_id", identity.getMergedCustomerId());
    text("country", identity.getCountry());
    text("signed_up_at", identity.getSignedUpAt());
    text("purpose", identity.getPurpose());
    text("consent_source", identity.getConsentSource());
    if (identity.getType() == IdentityEventType.MERGE) {
      String merged = identity.getMergedCustomerId();
      if (!CustomerKeys.present(merged)) {
        throw problem(DeadLetterReason.INVALID_IDENTITY, "MERGE without merged_customer_id");
      }
      if (merged.equals(identity.getCustomerId())) {
        throw problem(DeadLetterReason.INVALID_IDENTITY, "MERGE of customer " + merged + " into itself");
      }
      if (identity.getAnonymousId() != null) {
        throw problem(DeadLetterReason.INVALID_IDENTITY, "MERGE with an anonymous_id (link visitors with IDENTIFY)");
      }
    }
  }

  private void common(String eventId, Instant eventTime, long nowMillis) throws DecodeException {
    if (eventId == null || eventId.isBlank()) {
      throw problem(DeadLetterReason.MISSING_EVENT_ID, "event_id is empty");
    }
    text("event_id", eventId);
    long time = eventTime.toEpochMilli();
    if (time > nowMillis + limits.maxFuture().toMillis()) {
      throw problem(DeadLetterReason.EVENT_TIME_IN_FUTURE, "event_time " + eventTime + " is more than "
          + limits.maxFuture() + " ahead of the clock (" + Instant.ofEpochMilli(nowMillis) + ")");
    }
    if (eventTime.isBefore(limits.earliestEventTime())) {
      throw problem(DeadLetterReason.EVENT_TIME_TOO_OLD, "event_time " + eventTime + " is before " + limits.earliestEventTime());
    }
  }

  private void text(String field, String value) throws DecodeException {
    if (value != null && value.length() > limits.maxTextLength()) {
      throw problem(DeadLetterReason.FIELD_TOO_LONG,
          field + " has " + value.length() + " characters, more than " + limits.maxTextLength());
    }
  }

  private void amount(String field, long minor) throws DecodeException {
    if (minor < 0 || minor > limits.maxAmountMinor()) {
      throw problem(DeadLetterReason.INVALID_AMOUNT, field + " " + minor + " is outside 0.." + limits.maxAmountMinor());
    }
  }

  /** A currency code as the job keeps it: trimmed and upper-case ({@code " eur"} is {@code EUR}); null stays null. */
  public static String normalCurrency(String code) {
    if (code == null) {
      return null;
    }
    String trimmed = code.strip();
    for (int i = 0; i < trimmed.length(); i++) {
      if (Character.isLowerCase(trimmed.charAt(i))) {
        return trimmed.toUpperCase(java.util.Locale.ROOT);
      }
    }
    return trimmed;
  }

  private static void currency(String code, String forField) throws DecodeException {
    if (code == null || code.isBlank()) {
      throw problem(DeadLetterReason.INVALID_CURRENCY, forField + " has no currency");
    }
    if (!CURRENCIES.contains(normalCurrency(code))) {
      throw problem(DeadLetterReason.INVALID_CURRENCY, "currency '" + (code.length() > 16 ? code.substring(0, 16) + "…" : code)
          + "' is not an ISO 4217 code");
    }
  }

  private static DecodeException problem(DeadLetterReason reason, String detail) {
    return new DecodeException(reason, detail, null);
  }
}
