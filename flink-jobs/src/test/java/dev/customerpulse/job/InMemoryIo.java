package dev.customerpulse.job;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.Collector;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * In-memory stand-ins for the job's Kafka topics and its sinks, for running {@link CustomerPulseJob}
 * on a MiniCluster without Kafka, Redis or a registry.
 *
 * <p>A topic is an append-only list of records in this JVM (one partition, offsets from 0). A
 * {@link TopicSource} reads one topic from its start, never ends, and hands each record to the same
 * {@link KafkaRecordDeserializationSchema} the job's Kafka source would use; a {@link TopicSink} writes
 * through the job's own {@link KafkaRecordSerializationSchema} and, like a transactional Kafka sink,
 * makes what it wrote visible only at the next checkpoint. {@link CollectingSink} keeps a view of each
 * record in a list. Everything is keyed by names that each test makes unique.
 */
final class InMemoryIo {
  private InMemoryIo() {}

  /** One record of an in-memory topic. */
  record Message(byte[] key, byte[] value, long timestamp) implements Serializable {}

  private static final Map<String, List<Message>> TOPICS = new ConcurrentHashMap<>();
  private static final Map<String, List<Object>> COLLECTED = new ConcurrentHashMap<>();

  static List<Message> topic(String name) {
    return TOPICS.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
  }

  /** Appends a record to a topic; returns its offset. */
  static long append(String topic, byte[] key, byte[] value, long timestamp) {
    List<Message> log = topic(topic);
    synchronized (log) {
      log.add(new Message(key, value, timestamp));
      return log.size() - 1;
    }
  }

  @SuppressWarnings("unchecked")
  static <R> List<R> collected(String name) {
    return (List<R>) (List<?>) COLLECTED.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
  }

  /** Forgets the topics and collections whose names start with this prefix. */
  static void drop(String prefix) {
    TOPICS.keySet().removeIf(name -> name.startsWith(prefix));
    COLLECTED.keySet().removeIf(name -> name.startsWith(prefix));
  }

  /** The whole of one in-memory topic; the split's id is the topic's name. */
  record TopicSplit(String topic, long offset) implements SourceSplit {
    @Override
    public String splitId() {
      return topic;
    }
  }

  /** Reads one in-memory topic (one partition) like an unbounded Kafka source with this deserializer. */
  static final class TopicSource<T> implements Source<T, TopicSplit, Boolean>, ResultTypeQueryable<T> {
    private final String topic;
    private final KafkaRecordDeserializationSchema<T> deserializer;

    TopicSource(String topic, KafkaRecordDeserializationSchema<T> deserializer) {
      this.topic = topic;
      this.deserializer = deserializer;
    }

    @Override
    public TypeInformation<T> getProducedType() {
      return deserializer.getProducedType();
    }

    @Override
    public Boundedness getBoundedness() {
      return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<T, TopicSplit> createReader(SourceReaderContext context) throws Exception {
      deserializer.open(new DeserializationSchema.InitializationContext() {
        @Override
        public MetricGroup getMetricGroup() {
          return context.metricGroup().addGroup("deserializer");
        }

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
          return context.getUserCodeClassLoader();
        }
      });
      return new TopicReader<>(deserializer);
    }

    @Override
    public SplitEnumerator<TopicSplit, Boolean> createEnumerator(SplitEnumeratorContext<TopicSplit> context) {
      return new OneSplit(context, new TopicSplit(topic, 0));
    }

    @Override
    public SplitEnumerator<TopicSplit, Boolean> restoreEnumerator(SplitEnumeratorContext<TopicSplit> context, Boolean assigned) {
      return new OneSplit(context, assigned ? null : new TopicSplit(topic, 0));
    }

    @Override
    public SimpleVersionedSerializer<TopicSplit> getSplitSerializer() {
      return new SplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Boolean> getEnumeratorCheckpointSerializer() {
      return new SimpleVersionedSerializer<>() {
        @Override
        public int getVersion() {
          return 1;
        }

        @Override
        public byte[] serialize(Boolean assigned) {
          return new byte[] {(byte) (assigned ? 1 : 0)};
        }

        @Override
        public Boolean deserialize(int version, byte[] bytes) {
          return bytes[0] == 1;
        }
      };
    }
  }

  /** Gives the topic's one split to the first reader (as Kafka gives a one-partition topic to one reader). */
  private static final class OneSplit implements SplitEnumerator<TopicSplit, Boolean> {
    private final SplitEnumeratorContext<TopicSplit> context;
    private TopicSplit unassigned;

    OneSplit(SplitEnumeratorContext<TopicSplit> context, TopicSplit unassigned) {
      this.context = context;
      this.unassigned = unassigned;
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtask, String host) {}

    @Override
    public void addSplitsBack(List<TopicSplit> splits, int subtask) {
      unassigned = splits.get(0);
      if (context.registeredReaders().containsKey(subtask)) {
        addReader(subtask);
      }
    }

    @Override
    public void addReader(int subtask) {
      if (unassigned != null) {
        context.assignSplit(unassigned, subtask);
        unassigned = null;
      }
    }

    @Override
    public Boolean snapshotState(long checkpointId) {
      return unassigned == null;
    }

    @Override
    public void close() {}
  }

  private static final class TopicReader<T> implements SourceReader<T, TopicSplit> {
    private final KafkaRecordDeserializationSchema<T> deserializer;
    private TopicSplit split;
    private long next;

    TopicReader(KafkaRecordDeserializationSchema<T> deserializer) {
      this.deserializer = deserializer;
    }

    @Override
    public void start() {}

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
      if (split == null || next >= topic(split.topic()).size()) {
        return InputStatus.NOTHING_AVAILABLE;
      }
      Message message = topic(split.topic()).get((int) next);
      ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(split.topic(), 0, next, message.timestamp(),
          TimestampType.CREATE_TIME, message.key() == null ? -1 : message.key().length,
          message.value() == null ? -1 : message.value().length, message.key(), message.value(), new RecordHeaders(),
          Optional.empty());
      next++;
      // As the Kafka source does: the record's Kafka timestamp goes with each element to the watermark strategy.
      deserializer.deserialize(record, new Collector<>() {
        @Override
        public void collect(T element) {
          output.collect(element, message.timestamp());
        }

        @Override
        public void close() {}
      });
      return next < topic(split.topic()).size() ? InputStatus.MORE_AVAILABLE : InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    public List<TopicSplit> snapshotState(long checkpointId) {
      return split == null ? List.of() : List.of(new TopicSplit(split.topic(), next));
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      if (split != null && next < topic(split.topic()).size()) {
        return CompletableFuture.completedFuture(null);
      }
      return CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS));
    }

    @Override
    public void addSplits(List<TopicSplit> splits) {
      split = splits.get(0);
      next = split.offset();
    }

    @Override
    public void notifyNoMoreSplits() {}

    @Override
    public void close() {}
  }

  private static final class SplitSerializer implements SimpleVersionedSerializer<TopicSplit> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(TopicSplit split) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeUTF(split.topic());
      out.writeLong(split.offset());
      return bytes.toByteArray();
    }

    @Override
    public TopicSplit deserialize(int version, byte[] serialized) throws IOException {
      DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(serialized));
      return new TopicSplit(in.readUTF(), in.readLong());
    }
  }

  /**
   * Writes through the job's Kafka serializer into in-memory topics. Like the exactly-once Kafka sink,
   * what it writes becomes visible only once the checkpoint after it is taken (here: at the flush
   * before the checkpoint barrier, not at the checkpoint's completion).
   */
  static final class TopicSink<T> implements Sink<T> {
    private final KafkaRecordSerializationSchema<T> serializer;

    TopicSink(KafkaRecordSerializationSchema<T> serializer) {
      this.serializer = serializer;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
      List<ProducerRecord<byte[], byte[]>> pending = new ArrayList<>();
      return new SinkWriter<>() {
        @Override
        public void write(T element, Context writeContext) {
          pending.add(serializer.serialize(element, null, writeContext.timestamp()));
        }

        @Override
        public void flush(boolean endOfInput) {
          for (ProducerRecord<byte[], byte[]> record : pending) {
            append(record.topic(), record.key(), record.value(),
                record.timestamp() != null ? record.timestamp() : System.currentTimeMillis());
          }
          pending.clear();
        }

        @Override
        public void close() {}
      };
    }
  }

  /** What a collecting sink keeps of each record (the records themselves may be reused or shared). */
  interface View<T, R> extends Serializable {
    R of(T record);
  }

  /** Keeps a view of every record in the list {@link #collected(String) collected(name)}. */
  static final class CollectingSink<T, R> implements Sink<T> {
    private final String name;
    private final View<T, R> view;

    CollectingSink(String name, View<T, R> view) {
      this.name = name;
      this.view = view;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
      List<R> list = collected(name);
      return new SinkWriter<>() {
        @Override
        public void write(T element, Context writeContext) {
          list.add(view.of(element));
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }
}
