package dev.customerpulse.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;

/** The checked-in bytes that older code wrote, under {@code src/test/resources/fixtures/}. */
public final class Fixtures {
  private Fixtures() {}

  /** The fixture at {@code path} (e.g. {@code state/customer-state-v9-new.bin}); fails the test when missing. */
  public static byte[] bytes(String path) throws IOException {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
      assertThat(in).as("fixture " + path).isNotNull();
      return in.readAllBytes();
    }
  }
}
