package dev.customerpulse.importer;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress line for a long step: done of total (bytes or events), items and their rate, and the
 * time left. On a terminal it rewrites one line a few times a second; otherwise it prints a line
 * every few seconds.
 */
public final class Progress {
  private final PrintWriter out;
  private final String step;
  private final String unit;
  private final long total;
  private final boolean terminal;
  private final long started = System.nanoTime();
  private long lastPrinted = started;

  /** @param total what done counts up to (0: unknown) */
  public Progress(PrintWriter out, String step, String unit, long total, boolean terminal) {
    this.out = out;
    this.step = step;
    this.unit = unit;
    this.total = total;
    this.terminal = terminal;
  }

  /** {@code done} of the total so far, {@code items} of the unit. */
  public void update(long done, long items) {
    long now = System.nanoTime();
    if (now - lastPrinted < (terminal ? 250_000_000L : 5_000_000_000L)) {
      return;
    }
    lastPrinted = now;
    print(done, items, false);
  }

  public void finish(long items) {
    print(total, items, true);
  }

  private void print(long done, long items, boolean last) {
    double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    double rate = items / seconds;
    String eta = "";
    if (!last && total > 0 && done > 0) {
      long left = (long) (seconds * (total - done) / done);
      eta = String.format(Locale.ROOT, "  ETA %d:%02d", left / 60, left % 60);
    }
    int percent = total > 0 ? (int) Math.min(100, 100 * done / total) : 100;
    int filled = percent / 5;
    String line = String.format(Locale.ROOT, "%-9s [%s%s] %3d%%  %,d %s  %,.0f %s/s%s", step, "#".repeat(filled),
        " ".repeat(20 - filled), percent, items, unit, rate, unit, last ? String.format(Locale.ROOT, "  in %.1f s", seconds) : eta);
    out.print(terminal ? "\r" + line + "   " : line);
    if (last || !terminal) {
      out.println();
    }
    out.flush();
  }
}
