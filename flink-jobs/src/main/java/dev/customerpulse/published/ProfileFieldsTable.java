package dev.customerpulse.published;

/** The table of profile fields in docs/redis.md, generated from {@link ProfileField}. */
public final class ProfileFieldsTable {
  private ProfileFieldsTable() {}

  public static String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| Field | Redis hash | Kafka `CustomerProfile` | Meaning |\n");
    out.append("|---|---|---|---|\n");
    for (ProfileField field : ProfileField.values()) {
      out.append("| `").append(field.key()).append("` | ").append(redis(field)).append(" | ")
          .append(field.kafka() ? field.type().kafkaFormat() : "—").append(" | ")
          .append(field.doc().replace("|", "\\|")).append(" |\n");
    }
    return out.toString();
  }

  private static String redis(ProfileField field) {
    String format = field.type().redisFormat();
    if (field.mapped()) {
      return format;
    }
    String written = format + ", set by the writer";
    return field.redisName().equals(field.key()) ? written : "as `" + field.redisName() + "`: " + written;
  }
}
