package dev.customerpulse.state;

import dev.customerpulse.types.WireCodes;
import java.io.IOException;
import java.util.Locale;

/**
 * The standard RFM segments, from the recency score R and the mean of the frequency and monetary
 * scores FM (rounded half up), each 1-5:
 *
 * <pre>
 *          FM 1              FM 2               FM 3               FM 4        FM 5
 *   R 5    new               potential loyalist potential loyalist champions   champions
 *   R 4    promising         potential loyalist potential loyalist loyal       loyal
 *   R 3    about to sleep    about to sleep     need attention     loyal       loyal
 *   R 2    hibernating       hibernating        at risk            at risk     can't lose them
 *   R 1    lost              hibernating        at risk            at risk     can't lose them
 * </pre>
 *
 * Customers without a purchase have no RFM segment. State stores the segment's {@link #code()}, fixed
 * forever.
 */
public enum RfmSegment {
  CHAMPIONS(0), LOYAL(1), POTENTIAL_LOYALIST(2), NEW(3), PROMISING(4), NEED_ATTENTION(5), ABOUT_TO_SLEEP(6), AT_RISK(7),
  CANT_LOSE_THEM(8), HIBERNATING(9), LOST(10);

  private static final RfmSegment[][] GRID = {
    // FM:  1               2                   3                   4          5
    {LOST, HIBERNATING, AT_RISK, AT_RISK, CANT_LOSE_THEM},                              // R 1
    {HIBERNATING, HIBERNATING, AT_RISK, AT_RISK, CANT_LOSE_THEM},                       // R 2
    {ABOUT_TO_SLEEP, ABOUT_TO_SLEEP, NEED_ATTENTION, LOYAL, LOYAL},                     // R 3
    {PROMISING, POTENTIAL_LOYALIST, POTENTIAL_LOYALIST, LOYAL, LOYAL},                  // R 4
    {NEW, POTENTIAL_LOYALIST, POTENTIAL_LOYALIST, CHAMPIONS, CHAMPIONS},                // R 5
  };

  private static final WireCodes<RfmSegment> CODES = new WireCodes<>("RFM segment", values(), RfmSegment::code);
  private final int code;
  private final String label = name().toLowerCase(Locale.ROOT);
  private final String segment = "rfm:" + label;

  RfmSegment(int code) {
    this.code = code;
  }

  /** Its code in state. */
  public int code() {
    return code;
  }

  /** @throws IOException when no segment has {@code code} */
  public static RfmSegment ofCode(int code) throws IOException {
    return CODES.decode(code);
  }

  /** The segment of scores r, f, m (each 1-5). */
  public static RfmSegment of(int r, int f, int m) {
    if (r < 1 || r > 5 || f < 1 || f > 5 || m < 1 || m > 5) {
      throw new IllegalArgumentException("RFM scores are 1-5, got " + r + f + m);
    }
    int fm = (f + m + 1) / 2;
    return GRID[r - 1][fm - 1];
  }

  /** Lower-case name, e.g. {@code cant_lose_them}. */
  public String label() {
    return label;
  }

  /** Segment name, e.g. {@code rfm:champions}. */
  public String segment() {
    return segment;
  }
}
