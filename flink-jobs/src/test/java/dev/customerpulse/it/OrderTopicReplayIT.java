package dev.customerpulse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.OrderStatus;
import dev.customerpulse.connectors.kafka.KafkaSettings;
import dev.customerpulse.scoring.fit.OrderTopicReader;
import dev.customerpulse.scoring.fit.Transaction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** pulse fit --orders-topic: the paid orders of a real topic, read through the real registry. */
class OrderTopicReplayIT extends OnTestStack {

  private static OrderEvent order(String id, String customer, OrderStatus status, long time, long amount) {
    return OrderEvent.newBuilder().setEventId(id).setOrderId("order-" + id).setCustomerId(customer)
        .setEventTime(Instant.ofEpochMilli(time)).setStatus(status).setLines(List.of()).setAmountMinor(amount)
        .setCurrency("EUR").build();
  }

  @Test
  void paidOrdersAreReplayedAndEverythingElseIsCounted() throws Exception {
    String topic = it.topics.orders();
    it.send(topic, "ann", order("1", "ann", OrderStatus.PAID, 1_000, 2_500));
    it.send(topic, "ann", order("2", "ann", OrderStatus.PLACED, 2_000, 900));
    it.send(topic, "bob", order("3", "bob", OrderStatus.PAID, 3_000, 1_200));
    it.send(topic, "bob", order("4", "bob", OrderStatus.REFUNDED, 4_000, 1_200));
    it.sendRaw(topic, "junk", "not avro".getBytes(StandardCharsets.UTF_8));
    it.send(topic, "nobody", order("5", " ", OrderStatus.PAID, 5_000, 100));
    it.send(topic, "ann", order("6", "ann", OrderStatus.PAID, 6_000, 700));

    OrderTopicReader.Replay replay = OrderTopicReader.read(new KafkaSettings(it.stack.kafkaBootstrapServers(), Map.of()),
        it.registry, topic);

    assertThat(replay.records()).isEqualTo(7);
    assertThat(replay.skipped()).as("the junk and the order without a customer").isEqualTo(2);
    assertThat(replay.purchases()).containsExactly(
        new Transaction("ann", 1_000, 2_500), new Transaction("bob", 3_000, 1_200), new Transaction("ann", 6_000, 700));
  }

  @Test
  void aMissingTopicIsOneClearError() {
    assertThatThrownBy(() -> OrderTopicReader.read(new KafkaSettings(it.stack.kafkaBootstrapServers(), Map.of()),
        it.registry, "no-such-topic-" + it.id))
        .hasMessage("topic 'no-such-topic-" + it.id + "' does not exist");
  }
}
