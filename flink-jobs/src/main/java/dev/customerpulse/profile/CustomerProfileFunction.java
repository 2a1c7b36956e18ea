package dev.customerpulse.profile;

import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.CustomerKeys;
import dev.customerpulse.segments.SegmentChanges;
import dev.customerpulse.segments.ValueTier;
import dev.customerpulse.segments.ValueTierPolicy;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps each customer's state and emits the updated profile for every event, plus segment
 * changes when the value tier moves. Anonymous visitors are tracked too (so that identity
 * stitching can attribute their activity later) but are not published; their state is dropped
 * after {@code anonymousRetention} of event-time inactivity.
 */
public final class CustomerProfileFunction extends KeyedProcessFunction<String, CustomerEvent, ProfileUpdate> {
  public static final OutputTag<SegmentChange> SEGMENT_CHANGES =
      new OutputTag<>("segment-changes", new AvroTypeInfo<>(SegmentChange.class));

  private final ValueTierPolicy tiers;
  private final long anonymousRetentionMillis;

  private transient ValueState<CustomerState> state;
  private transient Counter customersCreated;
  private transient Counter segmentChanges;
  private transient Counter anonymousExpired;
  private transient Counter visitorsCreated;
  private transient Counter anonymousEvents;

  public CustomerProfileFunction(ValueTierPolicy tiers, Duration anonymousRetention) {
    this.tiers = tiers;
    this.anonymousRetentionMillis = anonymousRetention.toMillis();
  }

  @Override
  public void open(OpenContext context) {
    state = getRuntimeContext().getState(new ValueStateDescriptor<>("customer", TypeInformation.of(CustomerState.class)));
    var metrics = getRuntimeContext().getMetricGroup().addGroup("pulse");
    customersCreated = metrics.counter("customersCreated");
    segmentChanges = metrics.counter("segmentChanges");
    anonymousExpired = metrics.counter("anonymousExpired");
    visitorsCreated = metrics.counter("visitorsCreated");
    anonymousEvents = metrics.counter("anonymousEvents");
  }

  @Override
  public void processElement(CustomerEvent event, Context ctx, Collector<ProfileUpdate> out) throws Exception {
    String key = ctx.getCurrentKey();
    CustomerState customer = state.value();
    boolean created = customer == null;
    if (created) {
      customer = ProfileMath.newCustomer(event);
    }
    ValueTier before = customer.tier;
    ProfileMath.apply(customer, event);
    customer.tier = tiers.tierFor(customer.orders, customer.spendMinor);

    if (CustomerKeys.isAnonymous(key)) {
      anonymousEvents.inc();
      if (created) {
        visitorsCreated.inc();
      }
      scheduleExpiry(customer, ctx);
    } else {
      if (created) {
        customersCreated.inc();
      }
      if (customer.tier != before) {
        String reason = tiers.reason(before, customer.tier, customer.spendMinor, customer.currency);
        for (SegmentChange change : SegmentChanges.move(key, before == null ? null : before.segment(),
            customer.tier.segment(), reason, event.eventTime, customer.version)) {
          ctx.output(SEGMENT_CHANGES, change);
          segmentChanges.inc();
        }
      }
      out.collect(new ProfileUpdate(key, event.sourceTimestamp, customer.copy()));
    }
    state.update(customer);
  }

  /** At most one pending timer per visitor: set once, moved forward when it fires early. */
  private void scheduleExpiry(CustomerState visitor, Context ctx) {
    if (visitor.expiryTimer == 0) {
      visitor.expiryTimer = visitor.lastSeen + anonymousRetentionMillis;
      ctx.timerService().registerEventTimeTimer(visitor.expiryTimer);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ProfileUpdate> out) throws Exception {
    CustomerState visitor = state.value();
    if (visitor == null) {
      return;
    }
    long due = visitor.lastSeen + anonymousRetentionMillis;
    if (due <= timestamp) {
      state.clear();
      anonymousExpired.inc();
    } else {
      visitor.expiryTimer = due;
      ctx.timerService().registerEventTimeTimer(due);
      state.update(visitor);
    }
  }
}
