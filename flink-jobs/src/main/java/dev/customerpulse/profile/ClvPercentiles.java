package dev.customerpulse.profile;

import dev.customerpulse.segments.ClvCuts;
import dev.customerpulse.segments.ClvPopulation;
import dev.customerpulse.segments.ValueTierPolicy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The one place that sees every buying customer's daily CLV sample (parallelism 1): keeps the day's
 * KLL sketch ({@link ClvPopulation}) in operator state and emits the tier percentiles when a day ends.
 * They go out on the clv-quantiles topic and come back to every profile operator instance.
 */
public final class ClvPercentiles extends ProcessFunction<Tuple2<Long, Double>, ClvCuts> implements CheckpointedFunction {
  private final ValueTierPolicy tiers;
  private final long minCustomers;
  private transient ClvPopulation population;
  private transient ListState<byte[]> checkpointed;

  public ClvPercentiles(ValueTierPolicy tiers, long minCustomers) {
    this.tiers = tiers;
    this.minCustomers = minCustomers;
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    checkpointed = context.getOperatorStateStore().getListState(
        new ListStateDescriptor<>("clv-population", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    population = new ClvPopulation(tiers, minCustomers);
    for (byte[] snapshot : checkpointed.get()) {
      population.restore(snapshot);
    }
  }

  @Override
  public void open(OpenContext context) {
    if (population == null) {
      population = new ClvPopulation(tiers, minCustomers);
    }
  }

  @Override
  public void processElement(Tuple2<Long, Double> sample, Context ctx, Collector<ClvCuts> out) {
    ClvCuts finished = population.add(sample.f0, sample.f1);
    if (finished != null) {
      out.collect(finished);
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    checkpointed.update(java.util.List.of(population.snapshot()));
  }
}
