package dev.customerpulse.job;

import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.CustomerProfile;
import dev.customerpulse.avro.ChurnAlert;
import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.avro.IdentityEvent;
import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.avro.ServiceCallEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;

/** Which value schema each topic carries (subject {@code <topic>-value}). */
public final class TopicSchemas {
  private TopicSchemas() {}

  public static Map<String, Schema> of(Topics topics) {
    Map<String, Schema> schemas = new LinkedHashMap<>();
    schemas.put(topics.clicks(), ClickEvent.getClassSchema());
    schemas.put(topics.orders(), OrderEvent.getClassSchema());
    schemas.put(topics.serviceCalls(), ServiceCallEvent.getClassSchema());
    schemas.put(topics.identities(), IdentityEvent.getClassSchema());
    schemas.put(topics.segmentChanges(), SegmentChange.getClassSchema());
    schemas.put(topics.churnAlerts(), ChurnAlert.getClassSchema());
    schemas.put(topics.dateTriggers(), dev.customerpulse.avro.DateTrigger.getClassSchema());
    schemas.put(topics.deadLetters(), DeadLetter.getClassSchema());
    schemas.put(topics.lateEvents(), DeadLetter.getClassSchema());
    schemas.put(topics.customerProfiles(), CustomerProfile.getClassSchema());
    schemas.put(topics.segmentRules(), dev.customerpulse.avro.SegmentRule.getClassSchema());
    schemas.put(topics.segmentRuleStatus(), dev.customerpulse.avro.SegmentRuleStatus.getClassSchema());
    schemas.put(topics.clvQuantiles(), dev.customerpulse.avro.ClvQuantiles.getClassSchema());
    schemas.put(topics.privacyRequests(), dev.customerpulse.avro.PrivacyRequest.getClassSchema());
    schemas.put(topics.privacyReceipts(), dev.customerpulse.avro.PrivacyReceipt.getClassSchema());
    return schemas;
  }
}
