package dev.customerpulse.engine;

import dev.customerpulse.avro.DateTrigger;
import dev.customerpulse.avro.DateTriggerType;
import dev.customerpulse.state.CustomerDates;
import dev.customerpulse.state.CustomerState;
import java.time.Instant;
import java.time.LocalDate;

/** Birthday and sign-up anniversary triggers, each emitted once on its day in event time. */
final class DateTriggers {
  private DateTriggers() {}

  /**
   * Emits the triggers due on the day of {@code time}; whether it emitted any. Without consent to the
   * purpose date triggers need, a trigger due is marked done but not emitted (a grant later that day
   * does not send it late).
   */
  static boolean trigger(ConsentDecisions consent, String key, CustomerState customer, long time, Effects effects) {
    String purpose = consent.policy().dateTriggersPurpose();
    boolean allowed = consent.allows(customer, purpose);
    String label = consent.policy().label(purpose);
    boolean triggered = false;
    LocalDate today = CustomerDates.day(time);
    if (customer.birthMonthDay != 0) {
      LocalDate birthday = CustomerDates.birthdayIn(customer.birthMonthDay, today.getYear());
      long start = CustomerDates.startOf(birthday);
      if (birthday.equals(today) && customer.lastBirthdayTrigger != start) {
        customer.lastBirthdayTrigger = start;
        if (allowed) {
          effects.dateTriggers.add(new DateTrigger(key + "/birthday/" + birthday, key, DateTriggerType.BIRTHDAY,
              birthday.toString(), null, Instant.ofEpochMilli(start), label));
          effects.count(EngineMetric.DATE_TRIGGERS);
          triggered = true;
        }
      }
    }
    long since = DueTimes.anniversaryBase(customer);
    LocalDate anniversary = CustomerDates.anniversaryIn(since, today.getYear());
    long start = CustomerDates.startOf(anniversary);
    int years = CustomerDates.years(since, anniversary);
    if (anniversary.equals(today) && years >= 1 && customer.lastAnniversaryTrigger != start) {
      customer.lastAnniversaryTrigger = start;
      if (allowed) {
        effects.dateTriggers.add(new DateTrigger(key + "/anniversary/" + anniversary, key, DateTriggerType.ANNIVERSARY,
            anniversary.toString(), years, Instant.ofEpochMilli(start), label));
        effects.count(EngineMetric.DATE_TRIGGERS);
        triggered = true;
      }
    }
    return triggered;
  }
}
