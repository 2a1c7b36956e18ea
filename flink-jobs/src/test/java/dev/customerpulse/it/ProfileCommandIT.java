package dev.customerpulse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.cli.PulseCli;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `pulse profile` against a real Redis. */
class ProfileCommandIT extends OnTestStack {
  private PulseCli.Result profile(String customer) {
    return PulseCli.run("profile", customer, "--redis-url", it.stack.redisUrl(), "-D", "pulse.redis.key-prefix=" + it.redisPrefix);
  }

  @Test
  void showsTheFieldsSegmentsRankAndTheReasonsBehindTheChurnRisk() {
    var redis = it.redis();
    redis.hset(it.key("profile:{ann}"), Map.of("v", "4", "churn_risk", "0.7311", "segments", "tier:vip,lifecycle:at_risk",
        "churn_reasons", "complaints:+1.000,quiet:+0.250", "last_seen", "86400000"));
    redis.zadd(it.key("rank:churn-risk"), 0.7311, "ann");
    redis.zadd(it.key("rank:churn-risk"), 0.9, "bob");
    redis.zadd(it.key("rank:churn-risk"), 0.1, "cat");

    PulseCli.Result ann = profile("ann");
    assertThat(ann.exitCode()).as(ann.err()).isZero();
    assertThat(ann.out()).isEqualTo(it.key("profile:{ann}") + "  (HASH, contract v1)\n"
        + "  churn_reasons              complaints:+1.000,quiet:+0.250\n"
        + "  churn_risk                 0.7311\n"
        + "  last_seen                  86400000  (1970-01-02T00:00:00Z)\n"
        + "  segments                   tier:vip,lifecycle:at_risk\n"
        + "  v                          4\n"
        + "member of:\n"
        + "  " + it.key("segment:tier:vip") + "\n"
        + "  " + it.key("segment:lifecycle:at_risk") + "\n"
        + "churn risk 0.7311, rank 2 of 3 customers by churn risk\n"
        + "  because (contributions to the log-odds, largest first):\n"
        + "    complaints           +1.000\n"
        + "    quiet                +0.250\n");

    PulseCli.Result nobody = profile("nobody");
    assertThat(nobody.exitCode()).isEqualTo(1);
    assertThat(nobody.out()).startsWith("No profile for 'nobody'");
  }
}
