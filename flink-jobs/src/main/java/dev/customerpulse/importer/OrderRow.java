package dev.customerpulse.importer;

import dev.customerpulse.avro.OrderStatus;
import java.math.BigDecimal;

/**
 * One CSV row read through the mapping: a line of an order.
 *
 * @param line the row's line number in the file (the header is line 1)
 * @param customer the customer id
 * @param order the order id
 * @param time epoch milliseconds
 * @param status PAID for a sale, REFUNDED for a cancellation (its money given back), or the status column's
 * @param product the product id ("" when not mapped)
 * @param category the category, or null
 * @param quantity units, at least 0 (a cancellation's units given back)
 * @param total the line's money in major units, at least 0
 * @param currency ISO 4217 code
 * @param fingerprint a 64-bit hash of the raw row, to find exact duplicate rows
 */
record OrderRow(int line, String customer, String order, long time, OrderStatus status, String product, String category,
    int quantity, BigDecimal total, String currency, long fingerprint) {}
