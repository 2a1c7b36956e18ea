package dev.customerpulse.engine;

/**
 * What the engine counts as it works, one Flink counter each in the {@code pulse} metric group (the
 * dashboard and docs/operations.md use these names).
 */
public enum EngineMetric {
  CUSTOMERS_CREATED("customersCreated"),
  SEGMENT_CHANGES("segmentChanges"),
  CUSTOMERS_EXPIRED("customersExpired"),
  CUSTOMERS_RESCORED("customersRescored"),
  ANONYMOUS_EXPIRED("anonymousExpired"),
  VISITORS_CREATED("visitorsCreated"),
  ANONYMOUS_EVENTS("anonymousEvents"),
  LATE_EVENTS("lateEvents"),
  DUPLICATES("duplicates"),
  CUSTOMERS_MERGED("customersMerged"),
  VISITORS_LINKED("visitorsLinked"),
  IDENTITY_LINKS_REFUSED("identityLinksRefused"),
  HANDOFFS_ABSORBED("handoffsAbsorbed"),
  EVENTS_FORWARDED("eventsForwarded"),
  IDENTITY_LOOPS("identityLoops"),
  CHURN_ALERTS("churnAlerts"),
  DATE_TRIGGERS("dateTriggers"),
  /** Timers that fired and found nothing to do (a steady rise means timers are scheduled too early). */
  TIMERS_WITHOUT_PROGRESS("timersWithoutProgress"),
  RULE_EVALUATION_ERRORS("ruleEvaluationErrors"),
  /** Customers erased on request (each alias key erased with them is counted in aliasesErased). */
  CUSTOMERS_ERASED("customersErased"),
  ALIASES_ERASED("aliasesErased"),
  /** Events of an erased id from before its erasure (replayed or late), dropped. */
  ERASED_EVENTS_DROPPED("erasedEventsDropped"),
  CUSTOMERS_EXPORTED("customersExported"),
  /** Privacy requests for an id the job holds nothing about. */
  PRIVACY_REQUESTS_NOT_FOUND("privacyRequestsNotFound"),
  /** Segment changes evaluated for event time before pulse.history.until: counted, not sent. */
  HISTORY_SEGMENT_CHANGES("historySegmentChanges"),
  /** Churn alerts raised for event time before pulse.history.until: counted, not sent. */
  HISTORY_CHURN_ALERTS("historyChurnAlerts"),
  /** Date triggers due before pulse.history.until: counted, not sent. */
  HISTORY_DATE_TRIGGERS("historyDateTriggers"),
  /** Customers known from history whose memberships were announced at their first live evaluation. */
  HISTORY_MEMBERSHIPS_ANNOUNCED("historyMembershipsAnnounced");

  static final EngineMetric[] ALL = values();

  private final String metricName;

  EngineMetric(String metricName) {
    this.metricName = metricName;
  }

  /** The counter's name in the {@code pulse} metric group. */
  public String metricName() {
    return metricName;
  }
}
