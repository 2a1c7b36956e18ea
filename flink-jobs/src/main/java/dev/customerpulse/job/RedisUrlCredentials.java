package dev.customerpulse.job;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;

/**
 * Moves a user and password written into pulse.redis.url to pulse.redis.username and
 * pulse.redis.password before Flink sees the configuration. Flink masks the values of keys holding
 * "password" in its logs and REST API ({@code /jobmanager/config}), but shows pulse.redis.url as it is.
 */
final class RedisUrlCredentials {
  /** The scheme, the user information up to the last '@' before the hosts, and the rest. */
  private static final Pattern WITH_USER_INFO = Pattern.compile("(rediss?://)([^@/]*)@([^@]*)");

  private RedisUrlCredentials() {}

  /** {@code conf} with the URL's credentials moved out of it; settings already given keep their value. */
  static void moveOutOfUrl(Configuration conf) {
    String url = conf.get(PulseOptions.REDIS_URL);
    Matcher m = url == null ? null : WITH_USER_INFO.matcher(url.strip());
    if (m == null || !m.matches()) {
      return; // no credentials in it, or not a URL at all: PulseSettings reports that, without the password
    }
    String[] parts = m.group(2).split(":", 2);
    String user = parts.length == 2 && !parts[0].isEmpty() ? decode(parts[0]) : null;
    String password = decode(parts.length == 2 ? parts[1] : parts[0]);
    if (user != null && conf.get(PulseOptions.REDIS_USERNAME) == null) {
      conf.set(PulseOptions.REDIS_USERNAME, user);
    }
    if (conf.get(PulseOptions.REDIS_PASSWORD) == null) {
      conf.set(PulseOptions.REDIS_PASSWORD, password);
    }
    conf.set(PulseOptions.REDIS_URL, m.group(1) + m.group(3));
  }

  private static String decode(String part) {
    return URLDecoder.decode(part, StandardCharsets.UTF_8);
  }
}
