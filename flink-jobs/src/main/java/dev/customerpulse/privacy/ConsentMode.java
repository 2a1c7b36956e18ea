package dev.customerpulse.privacy;

/** How consent decisions gate what the job does with a customer (pulse.consent.mode). */
public enum ConsentMode {
  /** Consent is recorded and published, never enforced. */
  OFF,
  /** Everything is allowed until the customer withdraws a purpose (CCPA's right to opt out). */
  OPT_OUT,
  /** Nothing is allowed until the customer grants a purpose (GDPR, PIPL: explicit consent). */
  OPT_IN
}
