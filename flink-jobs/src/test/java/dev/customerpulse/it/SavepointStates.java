package dev.customerpulse.it;

import dev.customerpulse.state.CustomerState;
import dev.customerpulse.state.StateText;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/** Reads the customer states of a job's savepoint with Flink's State Processor API, as an auditor would. */
final class SavepointStates {
  private SavepointStates() {}

  /** Every key of the profile operator with its customer state, spelled out field by field. */
  static Map<String, String> customers(String savepoint) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    SavepointReader reader = SavepointReader.read(env, savepoint, new EmbeddedRocksDBStateBackend());
    Map<String, String> states = new HashMap<>();
    try (var rows = reader.readKeyedState(OperatorIdentifier.forUid("customer-profile"), new Customers(),
        TypeInformation.of(String.class), TypeInformation.of(new org.apache.flink.api.common.typeinfo.TypeHint<Tuple2<String, String>>() {}))
        .executeAndCollect()) {
      rows.forEachRemaining(row -> states.put(row.f0, row.f1));
    }
    return states;
  }

  /** Each key and its state as text. */
  static final class Customers extends KeyedStateReaderFunction<String, Tuple2<String, String>> {
    private transient ValueState<CustomerState> customer;

    @Override
    public void open(OpenContext context) {
      customer = getRuntimeContext().getState(new ValueStateDescriptor<>("customer", TypeInformation.of(CustomerState.class)));
    }

    @Override
    public void readKey(String key, Context context, Collector<Tuple2<String, String>> out) throws Exception {
      CustomerState state = customer.value();
      out.collect(Tuple2.of(key, state == null ? "(no customer state)" : StateText.of(state)));
    }
  }
}
