package dev.customerpulse.it;

import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.IdentityEvent;
import dev.customerpulse.avro.IdentityEventType;
import dev.customerpulse.avro.ClickType;
import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.OrderStatus;
import dev.customerpulse.avro.ServiceCallEvent;
import dev.customerpulse.avro.ServiceChannel;
import java.time.Instant;
import java.util.List;

/** Input records as the integration tests send them; event times are epoch milliseconds. */
final class ItEvents {
  private ItEvents() {}

  static ClickEvent click(String id, String customer, String anonymous, ClickType type, long time) {
    return ClickEvent.newBuilder().setEventId(id).setCustomerId(customer).setAnonymousId(anonymous)
        .setEventTime(Instant.ofEpochMilli(time)).setType(type).build();
  }

  /** A paid order in EUR without lines. */
  static OrderEvent paid(String id, String customer, long time, long amount) {
    return OrderEvent.newBuilder().setEventId(id).setOrderId("order-" + id).setCustomerId(customer)
        .setEventTime(Instant.ofEpochMilli(time)).setStatus(OrderStatus.PAID).setLines(List.of())
        .setAmountMinor(amount).setCurrency("EUR").build();
  }

  /** A sign-up with raw contact details, as a CRM sends it. */
  static IdentityEvent identify(String id, String customer, String anonymous, String email, String phone, long time) {
    return IdentityEvent.newBuilder().setEventId(id).setEventTime(Instant.ofEpochMilli(time))
        .setType(IdentityEventType.IDENTIFY).setCustomerId(customer).setAnonymousId(anonymous).setEmail(email)
        .setPhone(phone).setCountry("DE").build();
  }

  /** {@code merged} is the same person as {@code survivor}. */
  static IdentityEvent merge(String id, String merged, String survivor, long time) {
    return IdentityEvent.newBuilder().setEventId(id).setEventTime(Instant.ofEpochMilli(time))
        .setType(IdentityEventType.MERGE).setCustomerId(survivor).setMergedCustomerId(merged).build();
  }

  /** A phone complaint that was not resolved. */
  static ServiceCallEvent call(String id, String customer, long time) {
    return ServiceCallEvent.newBuilder().setEventId(id).setCustomerId(customer).setEventTime(Instant.ofEpochMilli(time))
        .setChannel(ServiceChannel.PHONE).setComplaint(true).setResolved(false).build();
  }
}
