package dev.customerpulse.job;

import static org.apache.flink.configuration.ConfigOptions.key;

import org.apache.flink.configuration.ConfigOption;

/** Faults injected on purpose, for tests and fault-injection runs only. A section of {@link PulseOptions}. */
public interface TestFaultOptions {
  ConfigOption<Boolean> TEST_FAULTS_ENABLED = key("pulse.test.faults-enabled")
      .booleanType().defaultValue(false)
      .withDescription("Test only, never in production: allows the pulse.test.* fault hooks. Without it the job refuses to"
          + " start with any of them set.");

  ConfigOption<Long> TEST_INJECT_EXCEPTION_EVERY = key("pulse.test.inject-exception-every")
      .longType().defaultValue(0L)
      .withDescription("Test only (needs pulse.test.faults-enabled): every subtask of the profile operator throws an"
          + " InjectedFault at its n-th, 2n-th, ... event (counted from its start or restart), which becomes a"
          + " PROCESSING_ERROR dead letter. 0: never.");

  ConfigOption<String> TEST_CRASH_FILE = key("pulse.test.crash-file")
      .stringType().noDefaultValue()
      .withDescription("Test only (needs pulse.test.faults-enabled): a path the profile operator looks at (every 100 ms at"
          + " most, while events come); when the file appears, the subtask that deletes it fails its task with an"
          + " InjectedCrash at its next event, as a crash would (pulse chaos uses it). Unset: never.");
}
