package dev.customerpulse.profile;

/** A customer's profile right after an update, on its way to Redis. */
public class ProfileUpdate {
  public String customerId;
  /** Kafka timestamp of the input that caused the update, for latency metrics. */
  public long sourceTimestamp;
  /** A copy of the state after the update. */
  public CustomerState profile;

  public ProfileUpdate() {}

  public ProfileUpdate(String customerId, long sourceTimestamp, CustomerState profile) {
    this.customerId = customerId;
    this.sourceTimestamp = sourceTimestamp;
    this.profile = profile;
  }
}
