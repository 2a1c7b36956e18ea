package dev.customerpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.ClickType;
import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.OrderLine;
import dev.customerpulse.avro.OrderStatus;
import dev.customerpulse.avro.ServiceCallEvent;
import dev.customerpulse.avro.ServiceChannel;
import dev.customerpulse.connectors.kafka.DeadLetterReason;
import dev.customerpulse.connectors.kafka.DecodeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Each validation rule, at and just past its limit, with the reason and detail a dead letter carries. */
class EventValidatorTest {
  private static final long NOW = Instant.parse("2026-12-02T12:00:00Z").toEpochMilli();
  private static final EventLimits LIMITS = new EventLimits(10, 1_000, Duration.ofHours(1), Instant.parse("2000-01-01T00:00:00Z"), 2);
  private final EventValidator validator = new EventValidator(LIMITS);

  private static ClickEvent.Builder click() {
    return ClickEvent.newBuilder().setEventId("e1").setCustomerId("c1").setEventTime(Instant.ofEpochMilli(NOW))
        .setType(ClickType.PRODUCT_VIEW).setPriceMinor(999L).setCurrency("EUR");
  }

  private static OrderEvent.Builder order() {
    return OrderEvent.newBuilder().setEventId("e2").setOrderId("o1").setCustomerId("c1").setEventTime(Instant.ofEpochMilli(NOW))
        .setStatus(OrderStatus.PAID).setLines(List.of(line(1, 500))).setAmountMinor(1_000).setCurrency("EUR");
  }

  private static OrderLine line(int quantity, long price) {
    return OrderLine.newBuilder().setProductId("p1").setCategory("shoes").setQuantity(quantity).setUnitPriceMinor(price).build();
  }

  private static ServiceCallEvent.Builder call() {
    return ServiceCallEvent.newBuilder().setEventId("e3").setCustomerId("c1").setEventTime(Instant.ofEpochMilli(NOW))
        .setChannel(ServiceChannel.PHONE).setComplaint(false).setResolved(true).setSatisfaction(5).setNps(10).setDurationSeconds(0);
  }

  private static void rejected(ThrowingCallable check, DeadLetterReason reason, String detail) {
    assertThatThrownBy(check).isInstanceOfSatisfying(DecodeException.class, e -> {
      assertThat(e.reason()).isEqualTo(reason);
      assertThat(e.getMessage()).isEqualTo(detail);
    });
  }

  @Test
  void eventsAtEveryLimitPass() {
    assertThatCode(() -> validator.click(click().setEventId("0123456789").setPriceMinor(1_000L)
        .setEventTime(Instant.ofEpochMilli(NOW + 3_600_000)).build(), NOW)).doesNotThrowAnyException();
    assertThatCode(() -> validator.order(order().setLines(List.of(line(0, 0), line(3, 1_000))).setAmountMinor(0)
        .setEventTime(Instant.parse("2000-01-01T00:00:00Z")).build(), NOW)).doesNotThrowAnyException();
    assertThatCode(() -> validator.serviceCall(call().setSatisfaction(1).setNps(0).build(), NOW)).doesNotThrowAnyException();
    assertThatCode(() -> validator.serviceCall(call().setSatisfaction(null).setNps(null).setDurationSeconds(null).build(), NOW))
        .doesNotThrowAnyException();
    assertThatCode(() -> validator.click(click().setPriceMinor(null).setCurrency(null).build(), NOW)).doesNotThrowAnyException();
  }

  @Test
  void idsMustBePresentAndShort() {
    rejected(() -> validator.click(click().setEventId(" ").build(), NOW), DeadLetterReason.MISSING_EVENT_ID, "event_id is empty");
    rejected(() -> validator.order(order().setOrderId("").build(), NOW), DeadLetterReason.MISSING_EVENT_ID,
        "order event e2 has an empty order_id");
    rejected(() -> validator.click(click().setEventId("0123456789X").build(), NOW), DeadLetterReason.FIELD_TOO_LONG,
        "event_id has 11 characters, more than 10");
    rejected(() -> validator.click(click().setCategory("a-very-long-category").build(), NOW), DeadLetterReason.FIELD_TOO_LONG,
        "category has 20 characters, more than 10");
    rejected(() -> validator.order(order().setLines(List.of(OrderLine.newBuilder(line(1, 1)).setProductId("product-0042").build())).build(), NOW),
        DeadLetterReason.FIELD_TOO_LONG, "lines.product_id has 12 characters, more than 10");
  }

  @Test
  void amountsMustBeWithinBoundsAndCarryAKnownCurrency() {
    rejected(() -> validator.order(order().setAmountMinor(-1).build(), NOW), DeadLetterReason.INVALID_AMOUNT,
        "amount_minor -1 is outside 0..1000");
    rejected(() -> validator.click(click().setPriceMinor(1_001L).build(), NOW), DeadLetterReason.INVALID_AMOUNT,
        "price_minor 1001 is outside 0..1000");
    rejected(() -> validator.order(order().setLines(List.of(line(1, -3))).build(), NOW), DeadLetterReason.INVALID_AMOUNT,
        "lines.unit_price_minor -3 is outside 0..1000");
    rejected(() -> validator.order(order().setCurrency("EURO").build(), NOW), DeadLetterReason.INVALID_CURRENCY,
        "currency 'EURO' is not an ISO 4217 code");
    rejected(() -> validator.order(order().setCurrency("").build(), NOW), DeadLetterReason.INVALID_CURRENCY,
        "amount_minor has no currency");
    rejected(() -> validator.click(click().setCurrency(null).build(), NOW), DeadLetterReason.INVALID_CURRENCY,
        "price_minor has no currency");
    assertThatCode(() -> validator.order(order().setCurrency(" gbp").build(), NOW)).doesNotThrowAnyException();
    assertThat(EventValidator.normalCurrency(" gbp")).isEqualTo("GBP");
    assertThat(EventValidator.normalCurrency("EUR")).isEqualTo("EUR");
  }

  @Test
  void eventTimeMustBeNeitherTooFarAheadNorBeforeTheEarliest() {
    rejected(() -> validator.click(click().setEventTime(Instant.ofEpochMilli(NOW + 3_600_001)).build(), NOW),
        DeadLetterReason.EVENT_TIME_IN_FUTURE,
        "event_time 2026-12-02T13:00:00.001Z is more than PT1H ahead of the clock (2026-12-02T12:00:00Z)");
    rejected(() -> validator.serviceCall(call().setEventTime(Instant.parse("1999-12-31T23:59:59.999Z")).build(), NOW),
        DeadLetterReason.EVENT_TIME_TOO_OLD, "event_time 1999-12-31T23:59:59.999Z is before 2000-01-01T00:00:00Z");
  }

  @Test
  void valuesMustBeInTheirDomain() {
    rejected(() -> validator.serviceCall(call().setSatisfaction(6).build(), NOW), DeadLetterReason.INVALID_VALUE, "satisfaction 6 is not 1-5");
    rejected(() -> validator.serviceCall(call().setSatisfaction(0).build(), NOW), DeadLetterReason.INVALID_VALUE, "satisfaction 0 is not 1-5");
    rejected(() -> validator.serviceCall(call().setNps(11).build(), NOW), DeadLetterReason.INVALID_VALUE, "nps 11 is not 0-10");
    rejected(() -> validator.serviceCall(call().setDurationSeconds(-1).build(), NOW), DeadLetterReason.INVALID_VALUE,
        "duration_seconds -1 is negative");
    rejected(() -> validator.order(order().setLines(Collections.nCopies(3, line(1, 1))).build(), NOW), DeadLetterReason.INVALID_VALUE,
        "order has 3 lines, more than 2");
    rejected(() -> validator.order(order().setLines(List.of(line(-1, 1))).build(), NOW), DeadLetterReason.INVALID_VALUE,
        "order line quantity -1 is negative");
  }
}
