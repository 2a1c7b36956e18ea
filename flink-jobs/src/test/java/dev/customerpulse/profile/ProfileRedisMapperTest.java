package dev.customerpulse.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.segments.ValueTier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The profile hash of Redis key contract v1, field by field. */
class ProfileRedisMapperTest {

  @Test
  void writesEveryContractFieldInOrder() {
    CustomerState state = new CustomerState();
    state.version = 12;
    state.firstSeen = 1_000;
    state.lastSeen = 9_000;
    state.pageViews = 1;
    state.productViews = 2;
    state.searches = 3;
    state.cartAdds = 4;
    state.checkouts = 5;
    state.orders = 6;
    state.cancellations = 7;
    state.refunds = 8;
    state.serviceCalls = 9;
    state.spendMinor = 123_456;
    state.currency = "EUR";
    state.tier = ValueTier.HIGH;
    ProfileUpdate update = new ProfileUpdate("c-7", 55, state);
    ProfileRedisMapper mapper = new ProfileRedisMapper();

    List<String> fields = new ArrayList<>();
    mapper.appendFields(update, fields);

    assertThat(fields).containsExactly(
        "customer_id", "c-7", "first_seen", "1000", "last_seen", "9000", "page_views", "1", "product_views", "2",
        "searches", "3", "cart_adds", "4", "checkouts", "5", "orders", "6", "cancellations", "7", "refunds", "8",
        "service_calls", "9", "spend_minor", "123456", "currency", "EUR", "value_tier", "high");
    assertThat(mapper.version(update)).isEqualTo(12);
    assertThat(mapper.segments(update)).containsExactly("tier:high");
    assertThat(mapper.customerId(update)).isEqualTo("c-7");
    assertThat(mapper.sourceTimestampMillis(update)).isEqualTo(55);
  }

  @Test
  void aCustomerWithoutOrdersHasAnEmptyCurrency() {
    CustomerState state = new CustomerState();
    state.tier = ValueTier.NEW;
    List<String> fields = new ArrayList<>();
    new ProfileRedisMapper().appendFields(new ProfileUpdate("c-1", 0, state), fields);
    assertThat(fields.get(fields.indexOf("currency") + 1)).isEmpty();
  }
}
