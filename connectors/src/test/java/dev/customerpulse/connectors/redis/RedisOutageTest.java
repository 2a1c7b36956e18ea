package dev.customerpulse.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** The outage policy on a clock that only the sleeps move: backoff, tolerance, log lines, gauges. */
class RedisOutageTest {
  private long now = 1_000_000;
  private final List<Long> sleeps = new ArrayList<>();
  private final Lines log = new Lines();

  private RedisOutage outage(Duration tolerance) {
    return new RedisOutage("profile writer", "redis://127.0.0.1:6379", tolerance, () -> now, millis -> {
      sleeps.add(millis);
      now += millis;
    }, log);
  }

  private static final JedisConnectionException REFUSED = new JedisConnectionException("Connection refused");

  @Test
  void backsOffExponentiallyFromAHundredMillisecondsToFiveSeconds() throws Exception {
    RedisOutage outage = outage(Duration.ofMinutes(10));
    for (int i = 0; i < 9; i++) {
      outage.failed(REFUSED);
    }
    assertThat(sleeps).containsExactly(100L, 200L, 400L, 800L, 1_600L, 3_200L, 5_000L, 5_000L, 5_000L);
    assertThat(outage.retries()).isEqualTo(9);
    assertThat(outage.unavailableSeconds()).isEqualTo(21);
  }

  @Test
  void failsWithOneLineOnceTheOutageOutlastsTheTolerance() throws Exception {
    RedisOutage outage = outage(Duration.ofSeconds(30));
    while (now - 1_000_000 < 30_000) {
      outage.failed(REFUSED);
    }
    assertThat(sleeps).containsExactly(100L, 200L, 400L, 800L, 1_600L, 3_200L, 5_000L, 5_000L, 5_000L, 5_000L, 3_700L);
    assertThatThrownBy(() -> outage.failed(REFUSED)).isInstanceOf(IOException.class)
        .hasMessage("Redis at redis://127.0.0.1:6379 has been unavailable for 30 s, longer than pulse.redis.outage-tolerance"
            + " (30 s); last error (connection lost): Connection refused")
        .hasCause(REFUSED);
  }

  @Test
  void aZeroToleranceFailsAtTheFirstError() {
    assertThatThrownBy(() -> outage(Duration.ZERO).failed(REFUSED)).isInstanceOf(IOException.class)
        .hasMessageStartingWith("Redis at redis://127.0.0.1:6379 has been unavailable for 0 s");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void warnsAtTheStartAndAtMostOnceAMinuteThenSaysWhenRedisIsBack() throws Exception {
    RedisOutage outage = outage(Duration.ofMinutes(10));
    while (now - 1_000_000 < 150_000) {
      outage.failed(REFUSED);
    }
    outage.succeeded();
    assertThat(log.lines).containsExactly(
        "WARN Redis at redis://127.0.0.1:6379 is unavailable to the profile writer (connection lost: Connection refused);"
            + " retrying with backoff for up to 600 s (pulse.redis.outage-tolerance) while the job is back-pressured",
        "WARN Redis at redis://127.0.0.1:6379 still unavailable to the profile writer after 61 s and 17 retries"
            + " (connection lost: Connection refused); giving up after 600 s",
        "WARN Redis at redis://127.0.0.1:6379 still unavailable to the profile writer after 121 s and 29 retries"
            + " (connection lost: Connection refused); giving up after 600 s",
        "INFO Redis at redis://127.0.0.1:6379 is back for the profile writer after 151 s of outage and 35 retries");
    assertThat(outage.unavailableSeconds()).isZero();
  }

  @Test
  void aNewOutageStartsItsBackoffAndToleranceAfresh() throws Exception {
    RedisOutage outage = outage(Duration.ofSeconds(1));
    outage.failed(REFUSED);
    outage.failed(REFUSED);
    outage.succeeded();
    now += 60_000;
    outage.failed(REFUSED);
    assertThat(sleeps).containsExactly(100L, 200L, 100L);
    assertThat(outage.retries()).isEqualTo(3);
  }

  @Test
  void readOnlyOutOfMemoryAndLoadingAreOutagesWithTheirOwnLineAndWrongTypeIsPerKey() throws Exception {
    JedisDataException readOnly = new JedisDataException("READONLY You can't write against a read only replica.");
    JedisDataException oomInScript = new JedisDataException("ERR Error running script (call to f_1): @user_script:30:"
        + " @user_script: 30: -OOM command not allowed when used memory > 'maxmemory'.");
    JedisDataException loading = new JedisDataException("LOADING Redis is loading the dataset in memory");
    JedisDataException wrongType = new JedisDataException("ERR user_script:1: WRONGTYPE Operation against a key holding the"
        + " wrong kind of value script: 5b1a..., on @user_script:23.");
    JedisDataException other = new JedisDataException("ERR unknown command 'HSETX'");
    assertThat(List.of(readOnly, oomInScript, loading, wrongType, other, REFUSED)).extracting(RedisFailures::outage)
        .containsExactly(true, true, true, false, false, true);
    assertThat(List.of(readOnly, oomInScript, loading, wrongType, other, REFUSED)).extracting(RedisFailures::perKey)
        .containsExactly(false, false, false, true, false, false);
    outage(Duration.ofMinutes(1)).failed(readOnly);
    outage(Duration.ofMinutes(1)).failed(oomInScript);
    assertThat(log.lines).extracting(line -> line.substring(0, line.indexOf(':', line.indexOf('(')) ))
        .containsExactly("WARN Redis at redis://127.0.0.1:6379 is unavailable to the profile writer (READONLY",
            "WARN Redis at redis://127.0.0.1:6379 is unavailable to the profile writer (OOM");
    assertThat(log.lines.get(0)).contains("(READONLY: writing to a replica, failover in progress: READONLY You can't");
    assertThat(log.lines.get(1)).contains("(OOM: Redis is at its maxmemory and refuses writes: ERR Error running script");
  }

  /** Keeps the log lines with their level. */
  private static final class Lines implements RedisOutage.Lines {
    final List<String> lines = new ArrayList<>();

    @Override
    public void warn(String line) {
      lines.add("WARN " + line);
    }

    @Override
    public void info(String line) {
      lines.add("INFO " + line);
    }
  }
}
