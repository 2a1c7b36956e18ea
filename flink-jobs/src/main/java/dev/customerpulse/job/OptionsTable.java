package dev.customerpulse.job;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.HtmlFormatter;

/** The configuration reference, generated from the option definitions themselves. */
public final class OptionsTable {
  private OptionsTable() {}

  public static String markdown() {
    StringBuilder out = new StringBuilder();
    for (PulseOptions.Section section : PulseOptions.SECTIONS) {
      out.append("## ").append(section.title()).append("\n\n");
      out.append("| Setting | Environment variable | Default | Meaning |\n");
      out.append("|---|---|---|---|\n");
      for (ConfigOption<?> option : section.options()) {
        out.append("| `").append(option.key()).append("` | `").append(PulseOptions.environmentVariable(option)).append("` | ")
            .append(option.hasDefaultValue() ? "`" + format(option.defaultValue()) + "`" : "").append(" | ")
            .append(text(option).replace("|", "\\|")).append(" |\n");
      }
      if (section.declaredIn() == KafkaOptions.class) {
        out.append("| `").append(KafkaOptions.KAFKA_CLIENT_PREFIX).append("<key>` | | | Any Kafka client property, passed"
            + " through to every consumer, producer and admin client. |\n");
      }
      out.append("\n");
    }
    out.append("## Flink settings\n");
    out.append("\nFlink settings pulse applies unless you set them (any Flink option can be given with `-D`):\n\n");
    out.append("| Flink setting | Value |\n|---|---|\n");
    FlinkSetup.defaults().forEach((option, value) -> out.append("| `").append(option.key()).append("` | `")
        .append(format(value)).append("` |\n"));
    out.append("| `pipeline.generic-types` | `false` (always: no Kryo fallback) |\n");
    out.append("| `state.backend.type` | `rocksdb` (always) |\n");
    return out.toString();
  }

  /** An option's description as plain text. */
  public static String text(ConfigOption<?> option) {
    String html = new HtmlFormatter().format(option.description());
    return html.replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  private static String format(Object value) {
    if (value instanceof List<?> list) {
      // Flink's list syntax, the one that works in every layer (-D, PULSE_* and config.yaml).
      return list.stream().map(String::valueOf).collect(Collectors.joining(";"));
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
    }
    if (value instanceof Duration d) {
      if (d.toDays() > 0 && d.toDays() * 86_400_000 == d.toMillis()) {
        return d.toDays() + " d";
      }
      if (d.toMinutes() > 0 && d.toMinutes() * 60_000 == d.toMillis()) {
        return d.toMinutes() + " min";
      }
      if (d.toSeconds() > 0 && d.toSeconds() * 1000 == d.toMillis()) {
        return d.toSeconds() + " s";
      }
      return d.toMillis() + " ms";
    }
    return String.valueOf(value);
  }
}
