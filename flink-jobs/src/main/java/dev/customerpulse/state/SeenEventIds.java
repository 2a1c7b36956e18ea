package dev.customerpulse.state;

import java.util.Arrays;

/**
 * The event ids (64-bit hashes) a customer sent within the de-duplication horizon, oldest first, each
 * with the processing time it was first seen. They live inside the customer's state, which every
 * event reads and writes anyway: a separate RocksDB lookup and write per event for de-duplication had
 * cost a third of the profile operator's time.
 *
 * <p>At most {@link #CAPACITY} ids are kept here. A customer who sends more within the horizon moves
 * the oldest out, into a keyed map with time-to-live (spilled); {@link #mayHaveSpilled} says whether
 * that map may still hold any of this customer's ids, so that only such customers pay for looking there.
 */
public final class SeenEventIds {
  public static final int CAPACITY = 128;
  /** {@link #spilledUntil()} of a customer who never moved an id out. */
  public static final long NEVER = Long.MIN_VALUE;
  /**
   * {@link #spilledUntil()} of state written before ids were kept here, when every id went to the
   * map: the first event after the upgrade settles it to one horizon from then.
   */
  public static final long UNKNOWN = Long.MAX_VALUE;
  private static final long[] EMPTY = new long[0];

  private long[] ids;
  private long[] seenAt;
  private int size;
  private long spilledUntil;
  private long movedOut;

  public SeenEventIds() {
    this(EMPTY, EMPTY, 0, NEVER);
  }

  /** The ids and times as stored (the arrays are taken, not copied; {@code size} of them are used). */
  public SeenEventIds(long[] ids, long[] seenAt, int size, long spilledUntil) {
    this.ids = ids;
    this.seenAt = seenAt;
    this.size = size;
    this.spilledUntil = spilledUntil;
  }

  /** Ids of state from before this class, all of them possibly in the map. */
  public static SeenEventIds unknown() {
    return new SeenEventIds(EMPTY, EMPTY, 0, UNKNOWN);
  }

  public int size() {
    return size;
  }

  public long id(int i) {
    return ids[i];
  }

  public long seenAt(int i) {
    return seenAt[i];
  }

  public long spilledUntil() {
    return spilledUntil;
  }

  /** Forgets the ids seen {@code horizon} or longer before {@code now}, here and (by deadline) in the map. */
  public void expire(long now, long horizon) {
    if (spilledUntil == UNKNOWN) {
      // The map's entries were written no later than now and live one horizon at most.
      spilledUntil = now + horizon;
    } else if (spilledUntil != NEVER && now >= spilledUntil) {
      spilledUntil = NEVER;
    }
    int expired = 0;
    while (expired < size && now - seenAt[expired] >= horizon) {
      expired++;
    }
    if (expired > 0) {
      System.arraycopy(ids, expired, ids, 0, size - expired);
      System.arraycopy(seenAt, expired, seenAt, 0, size - expired);
      size -= expired;
    }
  }

  /** Whether this id is among those kept here (not those moved to the map). */
  public boolean contains(long id) {
    for (int i = size - 1; i >= 0; i--) {
      if (ids[i] == id) {
        return true;
      }
    }
    return false;
  }

  /** Whether the map may hold ids of this customer that are still within the horizon. */
  public boolean mayHaveSpilled(long now) {
    return spilledUntil != NEVER && now < spilledUntil;
  }

  /**
   * Remembers an id seen at {@code now}.
   *
   * @return true when this moved the oldest id out, which the caller then puts in the map: it is
   *     {@link #movedOut()}
   */
  public boolean add(long id, long now, long horizon) {
    boolean full = size == CAPACITY;
    if (full) {
      movedOut = ids[0];
      System.arraycopy(ids, 1, ids, 0, size - 1);
      System.arraycopy(seenAt, 1, seenAt, 0, size - 1);
      size--;
      // NEVER is the smallest long and UNKNOWN the largest: both come out right.
      spilledUntil = Math.max(spilledUntil, now + horizon);
    } else if (size == ids.length) {
      int capacity = Math.min(CAPACITY, Math.max(4, size * 2));
      ids = Arrays.copyOf(ids, capacity);
      seenAt = Arrays.copyOf(seenAt, capacity);
    }
    ids[size] = id;
    seenAt[size] = now;
    size++;
    return full;
  }

  /** The id the last {@link #add} moved out. */
  public long movedOut() {
    return movedOut;
  }

  /** Forgets every id; the map is cleared by the caller when {@link #mayHaveSpilled} said so. */
  public void clear() {
    ids = EMPTY;
    seenAt = EMPTY;
    size = 0;
    spilledUntil = NEVER;
  }

  /** The ids kept here, oldest first. */
  public long[] ids() {
    return Arrays.copyOf(ids, size);
  }

  /**
   * Makes this memory equal to {@code other}, reusing this one's arrays when they are large enough: a
   * copy kept aside for every event without allocating one.
   */
  public void copyFrom(SeenEventIds other) {
    if (ids.length < other.size) {
      ids = new long[other.ids.length];
      seenAt = new long[other.ids.length];
    }
    System.arraycopy(other.ids, 0, ids, 0, other.size);
    System.arraycopy(other.seenAt, 0, seenAt, 0, other.size);
    size = other.size;
    spilledUntil = other.spilledUntil;
    movedOut = other.movedOut;
  }

  public SeenEventIds copy() {
    return new SeenEventIds(Arrays.copyOf(ids, size), Arrays.copyOf(seenAt, size), size, spilledUntil);
  }
}
