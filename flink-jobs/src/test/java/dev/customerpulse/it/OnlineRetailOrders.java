package dev.customerpulse.it;

import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.OrderLine;
import dev.customerpulse.avro.OrderStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * How the shop's order system would publish an Online Retail invoice: one order event per invoice,
 * at the invoice's real time, with its distinct rows as lines, amounts in pence of GBP.
 *
 * <ul>
 *   <li>a sale is {@code PAID} for its total;
 *   <li>a cancellation ("C...", negative quantities) is {@code REFUNDED} for the money it gives back,
 *       its lines with the units given back: the data's net revenue counts cancellations negatively,
 *       and a refund is what takes spend back in the job ({@code CANCELLED} would leave it);
 *   <li>an accounting adjustment ("A...", bad debt) is {@code OTHER}, with its amount as written;
 *   <li>a guest checkout (no CustomerID) has an empty {@code customer_id} and no key, as a shop
 *       without the customer would send it: the job must dead-letter it.
 * </ul>
 *
 * The event id is derived from the invoice number, so a producer's retry of an invoice repeats it.
 */
final class OnlineRetailOrders {
  private OnlineRetailOrders() {}

  static String eventId(OnlineRetail.Invoice invoice) {
    return "online-retail/" + invoice.number();
  }

  static OrderEvent toOrder(OnlineRetail.Invoice invoice) {
    List<OrderLine> lines = new ArrayList<>(invoice.lines().size());
    for (OnlineRetail.Line line : invoice.lines()) {
      lines.add(OrderLine.newBuilder().setProductId(line.stockCode())
          .setQuantity(invoice.cancellation() ? -line.quantity() : line.quantity())
          .setUnitPriceMinor(OnlineRetail.pence(line.unitPrice())).build());
    }
    OrderStatus status = invoice.cancellation() ? OrderStatus.REFUNDED : invoice.adjustment() ? OrderStatus.OTHER : OrderStatus.PAID;
    return OrderEvent.newBuilder().setEventId(eventId(invoice)).setOrderId(invoice.number())
        .setCustomerId(invoice.guest() ? "" : invoice.customer()).setEventTime(invoice.time()).setStatus(status)
        .setLines(lines).setAmountMinor(invoice.cancellation() ? -invoice.totalPence() : invoice.totalPence())
        .setCurrency("GBP").build();
  }
}
