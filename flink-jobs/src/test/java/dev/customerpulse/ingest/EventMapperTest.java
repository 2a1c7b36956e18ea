package dev.customerpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.ClickType;
import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.OrderStatus;
import dev.customerpulse.avro.ServiceCallEvent;
import dev.customerpulse.avro.ServiceChannel;
import dev.customerpulse.connectors.kafka.DeadLetterReason;
import dev.customerpulse.connectors.kafka.DecodeException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventMapperTest {

  private static ClickEvent click(String customer, String anonymous) {
    return ClickEvent.newBuilder().setEventId("e1").setCustomerId(customer).setAnonymousId(anonymous)
        .setEventTime(Instant.ofEpochMilli(1_234)).setType(ClickType.ADD_TO_CART).setPriceMinor(999L).setCurrency("EUR").build();
  }

  @Test
  void aLoggedInClickIsKeyedByCustomerAndKeepsItsPrice() throws DecodeException {
    assertThat(EventMapper.fromClick(click("c-1", "dev-1"), 77))
        .isEqualTo(new CustomerEvent("c-1", "e1", EventKind.ADD_TO_CART, 1_234, 77, 999, "EUR"));
  }

  @Test
  void anAnonymousClickIsKeyedByItsDevice() throws DecodeException {
    assertThat(EventMapper.fromClick(click(null, "dev-1"), 0).customerKey).isEqualTo("anon:dev-1");
    assertThat(EventMapper.fromClick(click("  ", "dev-1"), 0).customerKey).isEqualTo("anon:dev-1");
  }

  @Test
  void aClickWithoutAnyIdIsRejectedAsMissingTheCustomerKey() {
    assertThatThrownBy(() -> EventMapper.fromClick(click(null, ""), 0))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.MISSING_CUSTOMER_KEY))
        .hasMessage("click e1 has neither customer_id nor anonymous_id");
  }

  @Test
  void everyOrderStatusMapsToItsKind() throws DecodeException {
    for (var expected : List.of(
        new Object[] {OrderStatus.PLACED, EventKind.ORDER_PLACED}, new Object[] {OrderStatus.PAID, EventKind.ORDER_PAID},
        new Object[] {OrderStatus.CANCELLED, EventKind.ORDER_CANCELLED}, new Object[] {OrderStatus.REFUNDED, EventKind.ORDER_REFUNDED},
        new Object[] {OrderStatus.OTHER, EventKind.ORDER_OTHER})) {
      OrderEvent order = OrderEvent.newBuilder().setEventId("o").setOrderId("1").setCustomerId("c-2")
          .setEventTime(Instant.ofEpochMilli(5)).setStatus((OrderStatus) expected[0]).setLines(List.of())
          .setAmountMinor(4_500).setCurrency("GBP").build();
      assertThat(EventMapper.fromOrder(order, 6)).isEqualTo(new CustomerEvent("c-2", "o", (EventKind) expected[1], 5, 6, 4_500, "GBP"));
    }
  }

  @Test
  void serviceCallsAndOrdersNeedACustomerId() {
    ServiceCallEvent call = ServiceCallEvent.newBuilder().setEventId("s").setCustomerId("").setEventTime(Instant.EPOCH)
        .setChannel(ServiceChannel.CHAT).build();
    assertThatThrownBy(() -> EventMapper.fromServiceCall(call, 0)).hasMessage("service call s has an empty customer_id");
    OrderEvent order = OrderEvent.newBuilder().setEventId("o").setOrderId("1").setCustomerId(" ")
        .setEventTime(Instant.EPOCH).setStatus(OrderStatus.PAID).setLines(List.of()).setAmountMinor(1).setCurrency("EUR").build();
    assertThatThrownBy(() -> EventMapper.fromOrder(order, 0)).hasMessage("order event o has an empty customer_id");
  }
}
