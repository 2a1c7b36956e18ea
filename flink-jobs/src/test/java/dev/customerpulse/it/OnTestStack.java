package dev.customerpulse.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Gives each integration test its own slice of the shared real stack (topics, group, keys), closed after it. */
abstract class OnTestStack {
  protected PulseTestStack it;

  @BeforeEach
  void openStackSlice() throws Exception {
    it = new PulseTestStack();
  }

  @AfterEach
  void closeStackSlice() {
    if (it != null) {
      it.close();
    }
  }
}
