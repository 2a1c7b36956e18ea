package dev.customerpulse.profile;

/**
 * The exception the test fault hook pulse.test.inject-exception-every throws in the profile operator
 * (only with pulse.test.faults-enabled): it stands for a bug met by one event.
 */
public final class InjectedFault extends RuntimeException {
  InjectedFault(String message) {
    super(message);
  }
}
