package dev.customerpulse.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A customer's latest consent decision per purpose: granted or withdrawn, when (event time) and where.
 * Immutable; sorted by purpose. Decisions arrive out of order, so the one with the later time wins
 * (at the same time, the one applied last).
 */
public final class Consents {
  public static final Consents NONE = new Consents(new String[0], new boolean[0], new long[0], new String[0]);

  private final String[] purposes;
  private final boolean[] granted;
  private final long[] at;
  private final String[] sources;

  /** Decisions as stored: {@code purposes} sorted and distinct; a source may be null. */
  public Consents(String[] purposes, boolean[] granted, long[] at, String[] sources) {
    if (granted.length != purposes.length || at.length != purposes.length || sources.length != purposes.length) {
      throw new IllegalArgumentException("consent arrays of different lengths");
    }
    for (int i = 1; i < purposes.length; i++) {
      if (purposes[i - 1].compareTo(purposes[i]) >= 0) {
        throw new IllegalArgumentException("consent purposes not sorted and distinct: " + Arrays.toString(purposes));
      }
    }
    this.purposes = purposes;
    this.granted = granted;
    this.at = at;
    this.sources = sources;
  }

  /** These decisions with one more: applied unless this purpose has a decision of a later time. */
  public Consents with(String purpose, boolean grant, long time, String source) {
    int i = Arrays.binarySearch(purposes, purpose);
    if (i >= 0) {
      if (at[i] > time) {
        return this;
      }
      Consents c = new Consents(purposes, granted.clone(), at.clone(), sources.clone());
      c.granted[i] = grant;
      c.at[i] = time;
      c.sources[i] = source;
      return c;
    }
    int insert = -i - 1;
    int n = purposes.length + 1;
    String[] p = new String[n];
    boolean[] g = new boolean[n];
    long[] t = new long[n];
    String[] s = new String[n];
    for (int from = 0, to = 0; to < n; to++) {
      if (to == insert) {
        p[to] = purpose;
        g[to] = grant;
        t[to] = time;
        s[to] = source;
      } else {
        p[to] = purposes[from];
        g[to] = granted[from];
        t[to] = at[from];
        s[to] = sources[from];
        from++;
      }
    }
    return new Consents(p, g, t, s);
  }

  /** Both sides' decisions, the later one per purpose (a merge of two customers). */
  public Consents merge(Consents other) {
    Consents merged = this;
    for (int i = 0; i < other.purposes.length; i++) {
      merged = merged.with(other.purposes[i], other.granted[i], other.at[i], other.sources[i]);
    }
    return merged;
  }

  /** Whether a decision about {@code purpose} was ever recorded. */
  public boolean decided(String purpose) {
    return Arrays.binarySearch(purposes, purpose) >= 0;
  }

  /** Whether the latest decision about {@code purpose} grants it (false when never decided). */
  public boolean granted(String purpose) {
    int i = Arrays.binarySearch(purposes, purpose);
    return i >= 0 && granted[i];
  }

  /** Whether the latest decision about {@code purpose} withdraws it (false when never decided). */
  public boolean withdrawn(String purpose) {
    int i = Arrays.binarySearch(purposes, purpose);
    return i >= 0 && !granted[i];
  }

  /** The purposes granted and not withdrawn, sorted. */
  public List<String> grantedPurposes() {
    List<String> list = new ArrayList<>();
    for (int i = 0; i < purposes.length; i++) {
      if (granted[i]) {
        list.add(purposes[i]);
      }
    }
    return list;
  }

  public int size() {
    return purposes.length;
  }

  public boolean isEmpty() {
    return purposes.length == 0;
  }

  public String purpose(int i) {
    return purposes[i];
  }

  public boolean grantedAt(int i) {
    return granted[i];
  }

  public long time(int i) {
    return at[i];
  }

  /** Where decision {@code i} was made, or null. */
  public String source(int i) {
    return sources[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Consents c && Arrays.equals(purposes, c.purposes) && Arrays.equals(granted, c.granted)
        && Arrays.equals(at, c.at) && Arrays.equals(sources, c.sources);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(purposes) * 31 + Arrays.hashCode(at);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < purposes.length; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(purposes[i]).append(granted[i] ? "=granted@" : "=withdrawn@").append(at[i]).append(" from ").append(sources[i]);
    }
    return b.append(']').toString();
  }
}
