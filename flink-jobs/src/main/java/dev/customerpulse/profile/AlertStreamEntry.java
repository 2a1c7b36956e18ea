package dev.customerpulse.profile;

import dev.customerpulse.avro.ChurnAlert;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;

/**
 * What the Redis churn-alert stream receives from the profile operator, in the order it happened: an
 * alert to append, or the purge of an erased customer's entries. One side output carries both, so an
 * alert raised just before an erasure cannot reach the stream after the purge.
 */
public class AlertStreamEntry {
  /** Flink's POJO serializer for it: the alert as Avro, the customer as a string. */
  public static final TypeInformation<AlertStreamEntry> TYPE = Types.POJO(AlertStreamEntry.class,
      Map.of("alert", new AvroTypeInfo<>(ChurnAlert.class), "purgeCustomer", Types.STRING));

  /** The alert to append, or null for a purge. */
  public ChurnAlert alert;
  /** The erased customer whose entries go, or null for an append. */
  public String purgeCustomer;

  public AlertStreamEntry() {}

  public static AlertStreamEntry append(ChurnAlert alert) {
    AlertStreamEntry entry = new AlertStreamEntry();
    entry.alert = alert;
    return entry;
  }

  public static AlertStreamEntry purge(String customerId) {
    AlertStreamEntry entry = new AlertStreamEntry();
    entry.purgeCustomer = customerId;
    return entry;
  }
}
