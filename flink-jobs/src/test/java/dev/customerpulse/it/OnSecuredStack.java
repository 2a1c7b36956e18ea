package dev.customerpulse.it;

import dev.customerpulse.localstack.LocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Gives each integration test its own slice of the shared secured stack, closed after it. */
abstract class OnSecuredStack {
  protected PulseTestStack it;

  @BeforeEach
  void openStackSlice() throws Exception {
    it = new PulseTestStack(LocalStack.sharedSecured());
  }

  @AfterEach
  void closeStackSlice() {
    if (it != null) {
      it.close();
    }
  }
}
