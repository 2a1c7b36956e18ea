package dev.customerpulse.profile;

/**
 * What the test crash hook pulse.test.crash-file throws in the profile operator (only with
 * pulse.test.faults-enabled): an Error, so that it fails the task as a crash would, where an
 * {@link InjectedFault} stands for a bug in one event and becomes a dead letter.
 */
public final class InjectedCrash extends Error {
  InjectedCrash(String message) {
    super(message);
  }
}
