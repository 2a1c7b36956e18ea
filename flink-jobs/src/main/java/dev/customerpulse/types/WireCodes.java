package dev.customerpulse.types;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.ToIntFunction;

/**
 * The codes an enum is written as in bytes that outlive the code (state, Kafka records): explicit
 * and fixed, never the ordinal, so reordering, inserting or removing a constant cannot change what
 * bytes already written mean. A removed constant's code stays unused.
 */
public final class WireCodes<E extends Enum<E>> {
  private final String what;
  private final Object[] byCode;

  /**
   * @param what what the enum is, for the error message ({@code "event kind"})
   * @throws IllegalStateException when two constants share a code or a code is not 0-255
   */
  public WireCodes(String what, E[] constants, ToIntFunction<E> code) {
    this.what = what;
    this.byCode = new Object[Arrays.stream(constants).mapToInt(code).max().orElse(-1) + 1];
    for (E constant : constants) {
      int c = code.applyAsInt(constant);
      if (c < 0 || c > 255 || byCode[c] != null) {
        throw new IllegalStateException(what + " code " + c + " of " + constant + " is not 0-255 or taken");
      }
      byCode[c] = constant;
    }
  }

  /** @throws IOException when no constant has {@code code} */
  @SuppressWarnings("unchecked")
  public E decode(int code) throws IOException {
    if (code < 0 || code >= byCode.length || byCode[code] == null) {
      throw new IOException("unknown " + what + " code " + code);
    }
    return (E) byCode[code];
  }
}
