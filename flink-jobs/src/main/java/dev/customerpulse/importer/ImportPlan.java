package dev.customerpulse.importer;

import dev.customerpulse.avro.OrderEvent;
import java.util.List;

/**
 * What an order-history file becomes: the order events to produce, in event-time order, and the rows
 * that are not in them.
 *
 * @param rows data rows read (the header not counted)
 * @param events one order event per order and status, sorted by event time, then order id
 * @param refusals rows refused, by reason, with line numbers (guest rows among them)
 * @param duplicates exact duplicate rows of an order, skipped: each with the line of its first copy
 */
public record ImportPlan(int rows, List<OrderEvent> events, Refusals refusals, List<Refusals.Refusal> duplicates) {}
