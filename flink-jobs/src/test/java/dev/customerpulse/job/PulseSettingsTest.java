package dev.customerpulse.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PulseSettingsTest {
  @TempDir Path dir;

  private static Configuration minimal() {
    Configuration conf = new Configuration();
    conf.setString("pulse.kafka.bootstrap-servers", "k1:9092,k2:9092");
    conf.setString("pulse.registry.url", "http://registry:8081/");
    conf.setString("pulse.redis.url", "redis://cache:6380/1");
    conf.setString("pulse.privacy.pseudonymisation-secret", "a-secret-of-sixteen-bytes");
    return conf;
  }

  @Test
  void thePseudonymisationSecretIsOptionalAndNeverRepeatedInMessages() {
    Configuration none = minimal();
    none.removeKey("pulse.privacy.pseudonymisation-secret");
    assertThat(PulseSettings.from(none).privacy().pseudonymizer()).as("an order-only deployment starts without it").isNull();
    Configuration shortSecret = minimal();
    shortSecret.setString("pulse.privacy.pseudonymisation-secret", "hunter2");
    assertThatThrownBy(() -> PulseSettings.from(shortSecret)).hasMessage(
        "pulse.privacy.pseudonymisation-secret: the pseudonymisation secret must be at least 16 bytes long (it is 7)");
    Configuration region = minimal();
    region.setString("pulse.privacy.default-phone-region", "Germany");
    assertThatThrownBy(() -> PulseSettings.from(region)).hasMessage(
        "pulse.privacy.default-phone-region: 'Germany' is not an ISO 3166-1 country code such as DE");
    region.setString("pulse.privacy.default-phone-region", " de ");
    assertThat(PulseSettings.from(region).privacy().defaultPhoneRegion()).isEqualTo("DE");
    assertThat(PulseSettings.from(minimal()).privacy().defaultPhoneRegion()).isNull();
    assertThat(PulseSettings.from(minimal()).privacy().toString()).doesNotContain("a-secret-of-sixteen-bytes");
    Configuration guardrail = minimal();
    guardrail.setString("pulse.identity.max-customers-per-anonymous-id", "0");
    assertThatThrownBy(() -> PulseSettings.from(guardrail)).hasMessage(
        "pulse.identity.max-customers-per-anonymous-id must be at least 1, got 0");
  }

  @Test
  void defaultsApplyWhenOnlyTheThreeAddressesAreGiven() {
    PulseSettings settings = PulseSettings.from(minimal());
    assertThat(settings.kafka().bootstrapServers()).isEqualTo("k1:9092,k2:9092");
    assertThat(settings.registry().url()).isEqualTo("http://registry:8081");
    assertThat(settings.redis().displayUrl()).isEqualTo("redis://cache:6380/1");
    assertThat(settings.topics()).isEqualTo(Topics.defaults());
    assertThat(settings.groupId()).isEqualTo("customer-pulse");
    assertThat(settings.transactionTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(settings.redisKeys().prefix()).isEqualTo("cp");
    assertThat(settings.redisSink().maxBatch()).isEqualTo(2_000);
    assertThat(settings.redisSink().lingerMillis()).isEqualTo(100);
    assertThat(settings.logic().maxOutOfOrderness()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.logic().profile().tiers().highSpendMinor()).isEqualTo(50_000);
    assertThat(settings.logic().profile().scorer().modelVersion()).startsWith("1-");
    assertThat(settings.startingOffsets()).isEqualTo(StartingOffsets.COMMITTED);
  }

  @Test
  void aMissingAddressSaysWhichSettingAndHowToSetIt() {
    Configuration conf = minimal();
    conf.removeKey("pulse.redis.url");
    assertThatThrownBy(() -> PulseSettings.from(conf)).isInstanceOf(ConfigException.class)
        .hasMessage("pulse.redis.url is required (set it with -Dpulse.redis.url=... or PULSE_REDIS_URL)");
  }

  @Test
  void badValuesGetOneLineExplanations() {
    Configuration badRedis = minimal();
    badRedis.setString("pulse.redis.url", "cache:6379");
    assertThatThrownBy(() -> PulseSettings.from(badRedis)).hasMessage(
        "pulse.redis.url: Redis URL 'cache:6379' must look like redis://[user:password@]host:port[/db] (rediss:// for TLS;"
            + " host1:port1,host2:port2 for the seed nodes of a cluster)");
    Configuration seedsWithoutCluster = minimal();
    seedsWithoutCluster.setString("pulse.redis.url", "redis://a:7000,b:7001");
    assertThatThrownBy(() -> PulseSettings.from(seedsWithoutCluster)).hasMessage("pulse.redis.url: several Redis hosts are"
        + " seed nodes of a Redis Cluster; set pulse.redis.cluster=true or give one host");

    Configuration badTimeout = minimal();
    badTimeout.setString("pulse.kafka.transaction-timeout", "20 min");
    assertThatThrownBy(() -> PulseSettings.from(badTimeout)).hasMessage("pulse.kafka.transaction-timeout is 20 min;"
        + " Kafka brokers refuse more than transaction.max.timeout.ms (15 min by default), keep it below");

    Configuration badDuration = minimal();
    badDuration.setString("pulse.redis.linger", "soon");
    assertThatThrownBy(() -> PulseSettings.from(badDuration)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pulse.redis.linger");

    Configuration badTiers = minimal();
    badTiers.setString("pulse.tiers.vip-spend-minor", "100");
    assertThatThrownBy(() -> PulseSettings.from(badTiers)).hasMessage(
        "pulse.tiers.high-spend-minor/pulse.tiers.vip-spend-minor: tier thresholds must satisfy 0 < high < vip, got high=50000 vip=100");
    Configuration badPercentiles = minimal();
    badPercentiles.setString("pulse.tiers.high-percentile", "97");
    assertThatThrownBy(() -> PulseSettings.from(badPercentiles)).hasMessage("pulse.tiers.potential-percentile/"
        + "pulse.tiers.high-percentile/pulse.tiers.vip-percentile: tier percentiles must satisfy 0 < potential < high < vip"
        + " < 100, got potential=50.0 high=97.0 vip=95.0");
    Configuration weeklyPercentiles = minimal();
    weeklyPercentiles.setString("pulse.tiers.basis", "clv-percentile");
    weeklyPercentiles.setString("pulse.scoring.rescore-interval", "7 d");
    assertThatThrownBy(() -> PulseSettings.from(weeklyPercentiles)).hasMessage("pulse.tiers.basis: clv-percentile needs"
        + " pulse.scoring.rescore-interval of at most 1 d, got 7 d");
    Configuration percentiles = minimal();
    percentiles.setString("pulse.tiers.basis", "clv-percentile");
    assertThat(PulseSettings.from(percentiles).logic().profile().tiers().basis())
        .isEqualTo(dev.customerpulse.segments.ValueTierPolicy.Basis.CLV_PERCENTILE);

    Configuration badBatch = minimal();
    badBatch.setString("pulse.redis.batch-size", "0");
    assertThatThrownBy(() -> PulseSettings.from(badBatch)).hasMessage("Redis sink: Redis batch size must be at least 1, got 0");
  }

  @Test
  void theDefaultChurnWeightsAreTheModelsDefaults() {
    var scorer = PulseSettings.from(minimal()).logic().profile().scorer();
    var expected = new dev.customerpulse.scoring.ProfileScorer(dev.customerpulse.scoring.RfmSettings.defaults(),
        new dev.customerpulse.scoring.ClvModel(dev.customerpulse.scoring.ClvSettings.defaults()),
        dev.customerpulse.scoring.ChurnModel.defaults());
    assertThat(scorer.modelVersion()).isEqualTo(expected.modelVersion());
  }

  @Test
  void modelSettingsAreCheckedWithOneLineMessages() {
    Configuration weights = minimal();
    weights.setString("pulse.churn.weights", "p_dead:3,loyalty:2");
    assertThatThrownBy(() -> PulseSettings.from(weights)).isInstanceOf(ConfigException.class).hasMessage(
        "pulse.churn.weights: 'loyalty' is not a churn feature; the features are [p_dead, inactivity, engagement_drop,"
            + " complaints, unresolved, low_satisfaction, detractor, abandoned_carts, refund_rate, quiet, long_absence, few_purchases,"
            + " recent_purchases, tenure, spend]");

    Configuration calibration = minimal();
    calibration.setString("pulse.churn.calibration", "-1,0.5");
    assertThatThrownBy(() -> PulseSettings.from(calibration)).isInstanceOf(ConfigException.class).hasMessage(
        "pulse.churn.calibration: churn calibration needs a positive slope and a finite offset, got slope=-1.0 offset=0.5");
    Configuration calibrationLength = minimal();
    calibrationLength.setString("pulse.churn.calibration", "1.2");
    assertThatThrownBy(() -> PulseSettings.from(calibrationLength)).isInstanceOf(ConfigException.class).hasMessage(
        "pulse.churn.calibration needs 2 numbers slope;offset, got 1: '1.2'");

    Configuration model = minimal();
    model.setString("pulse.clv.model", "pareto-nbd");
    assertThatThrownBy(() -> PulseSettings.from(model)).isInstanceOf(ConfigException.class)
        .hasMessage("pulse.clv.model: 'pareto-nbd' is not bg-nbd or mbg-nbd");
    Configuration mbg = minimal();
    mbg.setString("pulse.clv.model", "mbg-nbd");
    assertThat(PulseSettings.from(mbg).logic().profile().scorer().clvSettings().countModel())
        .isEqualTo(dev.customerpulse.scoring.PurchaseCountModel.MBG_NBD);

    Configuration bg = minimal();
    bg.setString("pulse.clv.bgnbd", "0.2,4,0.8");
    assertThatThrownBy(() -> PulseSettings.from(bg)).hasMessage("pulse.clv.bgnbd needs 4 numbers r;alpha;a;b, got 3: '0.2,4,0.8'");

    Configuration negative = minimal();
    negative.setString("pulse.clv.gamma-gamma", "6,0.5,15");
    assertThatThrownBy(() -> PulseSettings.from(negative))
        .hasMessage("pulse.clv: Gamma-Gamma parameters need p > 0, q > 1, v > 0, got p=6.0 q=0.5 v=15.0");

    Configuration rfm = minimal();
    rfm.setString("pulse.rfm.recency-days", "30,7,90,180");
    assertThatThrownBy(() -> PulseSettings.from(rfm)).hasMessage("pulse.rfm: RFM recency thresholds must ascend, got [30, 7, 90, 180]");
  }

  @Test
  void changingAModelParameterChangesTheModelVersion() {
    Configuration other = minimal();
    other.setString("pulse.churn.intercept", "-2.5");
    assertThat(PulseSettings.from(other).logic().profile().scorer().modelVersion())
        .isNotEqualTo(PulseSettings.from(minimal()).logic().profile().scorer().modelVersion());
  }

  @Test
  void kafkaClientPropertiesComeFromAFileAndFromPrefixedKeys() throws Exception {
    Path file = dir.resolve("client.properties");
    Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n");
    Configuration conf = minimal();
    conf.setString("pulse.kafka.client-properties-file", file.toString());
    conf.setString("pulse.kafka.client.sasl.mechanism", "SCRAM-SHA-512");

    PulseSettings settings = PulseSettings.from(conf);

    assertThat(settings.kafka().clientProperties()).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512").hasSize(2);
    assertThat(settings.kafka().toString()).doesNotContain("SCRAM");
  }

  @Test
  void anUnreadableClientPropertiesFileIsNamed() {
    Configuration conf = minimal();
    conf.setString("pulse.kafka.client-properties-file", dir.resolve("nope.properties").toString());
    assertThatThrownBy(() -> PulseSettings.from(conf)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("pulse.kafka.client-properties-file: cannot read " + dir.resolve("nope.properties"));
  }
}
