package dev.customerpulse.generator;

/** Holds a loop to a fixed rate by sleeping whenever it runs ahead of schedule. */
public final class Pacer {
  private final double perSecond;
  private final long startNanos = System.nanoTime();
  private long done;

  public Pacer(double perSecond) {
    this.perSecond = perSecond;
  }

  /** Counts one unit of work and sleeps if the loop is ahead of the planned rate. */
  public void tick() throws InterruptedException {
    done++;
    // Checking the clock every 64 units keeps pacing cheap at 100k+ units per second.
    if ((done & 63) != 0) {
      return;
    }
    long dueNanos = (long) (done / perSecond * 1e9);
    long aheadNanos = dueNanos - (System.nanoTime() - startNanos);
    if (aheadNanos > 1_000_000) {
      Thread.sleep(aheadNanos / 1_000_000, (int) (aheadNanos % 1_000_000));
    }
  }
}
