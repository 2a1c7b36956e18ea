package dev.customerpulse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.cli.PulseCli;
import org.junit.jupiter.api.Test;

/** `pulse segments` against a real Redis. */
class SegmentsCommandIT extends OnTestStack {
  private PulseCli.Result segments(String... more) {
    String[] base = {"segments", "--redis-url", it.stack.redisUrl(), "-D", "pulse.redis.key-prefix=" + it.redisPrefix};
    String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return PulseCli.run(args);
  }

  @Test
  void listsEverySegmentWithItsSizeAndOneSegmentsMembers() {
    var redis = it.redis();
    redis.sadd(it.key("segment:tier:vip"), "ann");
    redis.sadd(it.key("segment:tier:normal"), "bob", "cat", "dan");
    redis.sadd(it.key("segment:lifecycle:at_risk"), "dan", "bob");
    redis.sadd(it.key("segment:rfm:champions"), "ann");
    redis.hset(it.key("profile:{ann}"), "v", "1");

    PulseCli.Result all = segments();
    assertThat(all.exitCode()).as(all.err()).isZero();
    assertThat(all.out()).isEqualTo("""
        lifecycle:at_risk  2
        rfm:champions      1
        tier:normal        3
        tier:vip           1
        """);

    PulseCli.Result normal = segments("tier:normal", "--limit", "2");
    assertThat(normal.out()).isEqualTo(it.key("segment:tier:normal") + "  3 members\n  bob\n  cat\n  ... 1 more (--limit)\n");
    PulseCli.Result none = segments("tier:high");
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.out()).isEqualTo(it.key("segment:tier:high") + "  0 members\n");
  }

  @Test
  void saysSoWhenThereAreNoSegmentsAndExplainsBadArgumentsInOneLine() {
    PulseCli.Result empty = segments();
    assertThat(empty.exitCode()).isEqualTo(1);
    assertThat(empty.out()).startsWith("No segments under " + it.key("segment:") + "*");
    PulseCli.Result bad = segments("--limit", "-1");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--limit must be zero or more, got -1").doesNotContain("Exception");
  }
}
