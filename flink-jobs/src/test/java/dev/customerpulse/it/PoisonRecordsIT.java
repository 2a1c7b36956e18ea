package dev.customerpulse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.cli.PulseCli;
import dev.customerpulse.identity.HandoffRecords;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.job.JobLauncher;
import dev.customerpulse.job.PulseOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No poison pill, no restart loop, on the real stack with restarts disabled (any failure would fail
 * the job): a 1.5 MB record that is not Avro becomes a dead letter of its first 64 KiB with its size
 * and SHA-256, an exception injected into the profile operator becomes a PROCESSING_ERROR dead letter,
 * and the job is still running, processing and checkpointing after both. pulse dlq refuses to
 * re-publish the truncated letter as if it were the record. A customer whose Redis key holds a string
 * (WRONGTYPE) is one REDIS_WRITE_FAILED dead letter while the others are written, and a record naming a
 * schema id the registry never had is one UNKNOWN_SCHEMA_ID dead letter after the bounded retries.
 */
class PoisonRecordsIT extends OnTestStack {
  private static final int OVERSIZED = 1_572_864;

  /** The slice's clicks topic and a producer that take records of up to 2 MiB (Kafka's defaults stop at 1 MiB). */
  private void sendOversized(String topic, byte[] value) throws Exception {
    Properties admin = new Properties();
    admin.put("bootstrap.servers", it.stack.kafkaBootstrapServers());
    try (Admin client = Admin.create(admin)) {
      client.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic),
          List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "2097152"), AlterConfigOp.OpType.SET)))).all()
          .get(30, TimeUnit.SECONDS);
    }
    Properties props = new Properties();
    props.put("bootstrap.servers", it.stack.kafkaBootstrapServers());
    props.put("key.serializer", ByteArraySerializer.class.getName());
    props.put("value.serializer", ByteArraySerializer.class.getName());
    props.put("max.request.size", "2097152");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      producer.send(new ProducerRecord<>(topic, 0, "junk".getBytes(StandardCharsets.UTF_8), value)).get(30, TimeUnit.SECONDS);
    }
  }

  private List<ConsumerRecord<byte[], DeadLetter>> awaitDeadLetters(JobClient job, int count) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    List<ConsumerRecord<byte[], DeadLetter>> letters = it.readCommitted(it.topics.deadLetters(), DeadLetter.class);
    while (letters.size() < count && System.currentTimeMillis() < deadline) {
      assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
      Thread.sleep(200);
      letters = it.readCommitted(it.topics.deadLetters(), DeadLetter.class);
    }
    return letters;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  @Test
  @Timeout(180)
  void anOversizedRecordAndAnInjectedExceptionAreDeadLettersAndTheJobRunsOnWithoutARestart() throws Exception {
    Configuration conf = it.jobConfiguration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    conf.set(PulseOptions.TEST_FAULTS_ENABLED, true);
    // Ann's three orders all go to the one profile subtask that holds her: the third fails.
    conf.set(PulseOptions.TEST_INJECT_EXCEPTION_EVERY, 3L);
    JobClient job = JobLauncher.start(conf, "customer-pulse-poison");
    try {
      byte[] oversized = new byte[OVERSIZED];
      Arrays.fill(oversized, (byte) 'z');
      sendOversized(it.topics.clicks(), oversized);
      it.send(it.topics.orders(), "ann", ItEvents.paid("o1", "ann", 10_000, 1_000));
      it.send(it.topics.orders(), "ann", ItEvents.paid("o2", "ann", 11_000, 1_000));
      it.send(it.topics.orders(), "ann", ItEvents.paid("o3", "ann", 12_000, 1_000));

      // Still processing (a fourth order reaches Redis: o1, o2 and o4 count) and checkpointing.
      JobLiveness.assertProcessesAndCheckpoints(it,
          () -> it.send(it.topics.orders(), "ann", ItEvents.paid("o4", "ann", 13_000, 1_000)), "ann", "orders", "3");
      List<ConsumerRecord<byte[], DeadLetter>> letters = awaitDeadLetters(job, 2);
      assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
      assertThat(letters).hasSize(2);

      DeadLetter truncated = letters.stream().map(ConsumerRecord::value)
          .filter(l -> l.getReason().equals("NOT_CONFLUENT_FRAMED")).findFirst().orElseThrow();
      String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(oversized));
      assertThat(truncated.getSourceTopic()).isEqualTo(it.topics.clicks());
      assertThat(truncated.getSourceOffset()).isZero();
      assertThat(truncated.getDetail()).isEqualTo("first byte is 0x7a, not the Confluent magic byte 0x00");
      assertThat(truncated.getOperator()).isEqualTo("source: clicks");
      assertThat(bytes(truncated.getValue())).isEqualTo(Arrays.copyOf(oversized, 65_536));
      assertThat(truncated.getOriginalValueSize()).isEqualTo(OVERSIZED);
      assertThat(truncated.getOriginalValueSha256()).isEqualTo(sha256);
      assertThat(truncated.getTruncated()).isTrue();
      assertThat(new String(bytes(truncated.getKey()), StandardCharsets.UTF_8)).isEqualTo("junk");

      DeadLetter fault = letters.stream().map(ConsumerRecord::value)
          .filter(l -> l.getReason().equals("PROCESSING_ERROR")).findFirst().orElseThrow();
      assertThat(fault.getException())
          .isEqualTo("dev.customerpulse.profile.InjectedFault: pulse.test.inject-exception-every=3: event 3 of this subtask (o3)");
      assertThat(fault.getOperator()).isEqualTo("customer profile");
      assertThat(fault.getSourceTopic()).isEqualTo(it.topics.customerHandoffs());
      assertThat(fault.getSourcePartition()).isEqualTo(-1);
      assertThat(fault.getSourceOffset()).isEqualTo(-1L);
      assertThat(new String(bytes(fault.getKey()), StandardCharsets.UTF_8)).isEqualTo("ann");
      CustomerEvent failed = HandoffRecords.decode(bytes(fault.getValue()));
      assertThat(failed.eventId).isEqualTo("o3");
      assertThat(failed.eventTime).isEqualTo(12_000L);
      assertThat(fault.getTruncated()).isFalse();
      assertThat(it.redis().hget(it.key("profile:{ann}"), "spend_minor")).isEqualTo("3000");

      PulseCli.Result refused = PulseCli.run("dlq", "--kafka-bootstrap-servers", it.stack.kafkaBootstrapServers(),
          "--registry-url", it.stack.registryUrl(), "-D", PulseOptions.TOPIC_DEAD_LETTERS.key() + "=" + it.topics.deadLetters(),
          "--reason", "NOT_CONFLUENT_FRAMED", "--republish", "--samples", "0");
      assertThat(refused.exitCode()).isEqualTo(2);
      assertThat(refused.err().strip()).isEqualTo("pulse: refusing to re-publish: 1 of the 1 selected dead letters cannot go back"
          + " as the record they stand for, e.g. " + it.topics.clicks() + "/0@0 is truncated (value 1572864 bytes, 65536 kept,"
          + " sha256 " + sha256 + "); re-send those from their source offsets, or add --skip-incomplete to re-publish only the 0"
          + " whole ones");
      assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
    } finally {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
  }

  /** A job on this slice with restarts disabled: any failure would end it. */
  private JobClient startWithoutRestarts(Configuration conf, String name) throws Exception {
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    return JobLauncher.start(conf, name);
  }

  @Test
  @Timeout(120)
  void aCustomerWhoseRedisKeyHoldsAStringIsOneDeadLetterAndTheOthersAreWritten() throws Exception {
    JobClient job = startWithoutRestarts(it.jobConfiguration(), "customer-pulse-poison-wrongtype");
    try {
      // The first look at the generation marker writes it and refills Redis from the (empty) state; a
      // refill after bob's order would try his key a second time.
      long deadline = System.currentTimeMillis() + 60_000;
      while (!it.redis().exists(it.key("{meta}:generation"))) {
        assertThat(System.currentTimeMillis()).as("the generation marker was never written").isLessThan(deadline);
        Thread.sleep(50);
      }
      String bobKey = it.key("profile:{bob}");
      it.redis().set(bobKey, "someone wrote a string here");
      it.send(it.topics.orders(), "bob", ItEvents.paid("o1", "bob", 10_000, 2_500));
      it.send(it.topics.orders(), "ann", ItEvents.paid("o2", "ann", 10_500, 1_000));

      // Bob's write has failed; then Ann's profile is written, and an order of hers sent after the failure
      // too, with checkpoints completing after it (each one waits for the letters sent before it).
      awaitDeadLetters(job, 1);
      JobLiveness.assertProcessesAndCheckpoints(it,
          () -> it.send(it.topics.orders(), "ann", ItEvents.paid("o3", "ann", 11_000, 1_500)), "ann", "orders", "2");
      assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
      List<ConsumerRecord<byte[], DeadLetter>> letters = it.readCommitted(it.topics.deadLetters(), DeadLetter.class);
      assertThat(letters).hasSize(1);

      DeadLetter refused = letters.get(0).value();
      assertThat(refused.getReason()).isEqualTo("REDIS_WRITE_FAILED");
      assertThat(new String(bytes(refused.getKey()), StandardCharsets.UTF_8)).isEqualTo("bob");
      assertThat(new String(letters.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("bob");
      assertThat(refused.getSourceTopic()).isEqualTo("redis");
      assertThat(refused.getSourcePartition()).isEqualTo(-1);
      assertThat(refused.getSourceOffset()).isEqualTo(-1L);
      assertThat(refused.getDetail()).isEqualTo("Redis refused profile version 1 of customer bob at key " + bobKey
          + "; the rest of the batch was written. Fix or delete the key: the profile is written with the customer's next"
          + " update, or by 'pulse redis rebuild'");
      // Redis' answer to the upsert script, exact but for the script's SHA-1 and line.
      assertThat(refused.getException()).matches("ERR Error running script \\(call to f_[0-9a-f]{40}\\): @user_script:\\d+:"
          + " WRONGTYPE Operation against a key holding the wrong kind of value");
      assertThat(refused.getValue()).isNull();
      assertThat(refused.getHeaders()).isEmpty();

      assertThat(it.redis().get(bobKey)).as("left as it was").isEqualTo("someone wrote a string here");
      assertThat(it.redis().hget(it.key("profile:{ann}"), "spend_minor")).isEqualTo("2500");
      assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
    } finally {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  @Timeout(120)
  void aRecordNamingASchemaIdTheRegistryNeverHadIsOneDeadLetterAfterTheRetries() throws Exception {
    Configuration conf = it.jobConfiguration();
    conf.set(PulseOptions.REGISTRY_UNKNOWN_ID_RETRIES, 2);
    conf.set(PulseOptions.REGISTRY_UNKNOWN_ID_BACKOFF, Duration.ofMillis(100));
    JobClient job = startWithoutRestarts(conf, "customer-pulse-poison-unknown-id");
    try {
      // Confluent framing (magic byte 0, a 4-byte schema id) around a body no schema was ever asked for.
      byte[] unknownId = ByteBuffer.allocate(8).put((byte) 0).putInt(987_654_321).put(new byte[] {2, 4, 6}).array();
      it.send(it.topics.orders(), "ann", ItEvents.paid("o1", "ann", 10_000, 1_000));
      it.sendRaw(it.topics.orders(), "ann", unknownId);

      // The order after it, on the same partition, is processed: the source went on after the retries.
      JobLiveness.assertProcessesAndCheckpoints(it,
          () -> it.send(it.topics.orders(), "ann", ItEvents.paid("o2", "ann", 11_000, 1_500)), "ann", "orders", "2");
      List<ConsumerRecord<byte[], DeadLetter>> letters = awaitDeadLetters(job, 1);
      assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
      assertThat(letters).hasSize(1);

      DeadLetter unknown = letters.get(0).value();
      String notKnown = "schema id 987654321 is not known to the registry at " + it.stack.registryUrl()
          + " (asked 3 times over 300 ms)";
      assertThat(unknown.getReason()).isEqualTo("UNKNOWN_SCHEMA_ID");
      assertThat(unknown.getDetail()).isEqualTo(notKnown);
      assertThat(unknown.getException()).isEqualTo("dev.customerpulse.connectors.registry.UnknownSchemaIdException: " + notKnown);
      assertThat(unknown.getOperator()).isEqualTo("source: orders");
      assertThat(unknown.getSourceTopic()).isEqualTo(it.topics.orders());
      assertThat(unknown.getSourcePartition()).isZero();
      assertThat(unknown.getSourceOffset()).isEqualTo(1L);
      assertThat(new String(bytes(unknown.getKey()), StandardCharsets.UTF_8)).isEqualTo("ann");
      assertThat(bytes(unknown.getValue())).isEqualTo(unknownId);
      assertThat(unknown.getTruncated()).isFalse();
      assertThat(it.redis().hget(it.key("profile:{ann}"), "spend_minor")).isEqualTo("2500");
      assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
    } finally {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
  }
}
