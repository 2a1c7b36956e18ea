package dev.customerpulse.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

class RedisSettingsTest {
  @Test
  void aUrlGivesHostPortCredentialsDatabaseAndTls() {
    assertThat(RedisSettings.parse("redis://u:p%40ss@cache:6380/2"))
        .isEqualTo(new RedisSettings(List.of(new HostAndPort("cache", 6380)), "u", "p@ss", false, 2, 5_000, false));
    assertThat(RedisSettings.parse("rediss://:secret@cache"))
        .isEqualTo(new RedisSettings(List.of(new HostAndPort("cache", 6379)), null, "secret", true, 0, 5_000, false));
    assertThat(RedisSettings.parse("redis://[::1]:7000").nodes()).containsExactly(new HostAndPort("::1", 7000));
  }

  @Test
  void thePasswordNeverShows() {
    assertThat(RedisSettings.parse("rediss://:secret@cache").toString()).isEqualTo("RedisSettings[rediss://cache:6379]");
    assertThat(RedisSettings.parse("redis://ops:secret@a:7000,b:7001").displayUrl())
        .isEqualTo("redis://ops@a:7000,b:7001 (cluster)");
  }

  @Test
  void thePasswordNeverShowsInAMessage() {
    assertThatThrownBy(() -> RedisSettings.parse("redis://ops:s3cr:et@cache:port"))
        .hasMessage("Redis URL 'redis://ops:***@cache:port' has port 'port'; it must be a number 1-65535");
    assertThatThrownBy(() -> RedisSettings.parse("rediss://s3cret@cache/x"))
        .hasMessage("Redis URL 'rediss://***@cache/x' has database 'x'; it must be a number");
    assertThatThrownBy(() -> RedisSettings.parse("redis//:s3cret@cache"))
        .hasMessageStartingWith("Redis URL 'redis//:***@cache' must look like redis://");
    assertThat(RedisSettings.redacted("redis://cache:6379")).isEqualTo("redis://cache:6379");
    // Unencoded '/' or '@' in a password: never read as a port or a database, which messages repeat.
    assertThatThrownBy(() -> RedisSettings.parse("redis://ops:se/cret@cache:6379"))
        .hasMessageStartingWith("Redis URL 'redis://ops:***@cache:6379' must look like redis://");
    assertThatThrownBy(() -> RedisSettings.parse("redis://ops:6379/cret@cache"))
        .hasMessageStartingWith("Redis URL 'redis://ops:***@cache' must look like redis://");
    assertThatThrownBy(() -> RedisSettings.parse("redis://ops:se@cret@cache:6379"))
        .hasMessageStartingWith("Redis URL 'redis://ops:***@cache:6379' must look like redis://");
  }

  @Test
  void aTrustStoreIsKeptWithTheCredentialsAndNotShown() {
    RedisSettings settings = RedisSettings.parse("rediss://cache:6380").withTrustStore("/etc/ca.p12", "store-secret")
        .withCredentials("pulse", "secret").withCluster(false);
    assertThat(settings.trustStore()).isEqualTo("/etc/ca.p12");
    assertThat(settings.trustStorePassword()).isEqualTo("store-secret");
    assertThat(settings.toString()).isEqualTo("RedisSettings[rediss://pulse@cache:6380]");
  }

  @Test
  void severalHostsAreTheSeedNodesOfACluster() {
    RedisSettings settings = RedisSettings.parse("redis://a:7000, b:7001,[fe80::1]").withCluster(true);
    assertThat(settings.nodes()).containsExactly(new HostAndPort("a", 7000), new HostAndPort("b", 7001),
        new HostAndPort("fe80::1", 6379));
    assertThat(settings.cluster()).isTrue();
    assertThat(RedisSettings.parse("redis://a:7000").withCluster(true).nodes()).containsExactly(new HostAndPort("a", 7000));
  }

  @Test
  void settingsThatCannotWorkAreRefusedWithTheReason() {
    assertThatThrownBy(() -> RedisSettings.parse("redis://a:7000,b:7001").withCluster(false))
        .hasMessage("several Redis hosts are seed nodes of a Redis Cluster; set pulse.redis.cluster=true or give one host");
    assertThatThrownBy(() -> RedisSettings.parse("redis://a:7000/3").withCluster(true))
        .hasMessage("Redis Cluster has database 0 only; remove /3 from the URL");
    assertThatThrownBy(() -> RedisSettings.parse("http://cache:6379"))
        .hasMessage("Redis URL 'http://cache:6379' must look like redis://[user:password@]host:port[/db] (rediss:// for TLS;"
            + " host1:port1,host2:port2 for the seed nodes of a cluster)");
    assertThatThrownBy(() -> RedisSettings.parse("redis://cache:port"))
        .hasMessage("Redis URL 'redis://cache:port' has port 'port'; it must be a number 1-65535");
    assertThatThrownBy(() -> RedisSettings.parse("redis://cache/x"))
        .hasMessage("Redis URL 'redis://cache/x' has database 'x'; it must be a number");
  }
}
