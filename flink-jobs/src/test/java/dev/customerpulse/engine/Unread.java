package dev.customerpulse.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Reads an output list in steps: each call returns what came since the last. */
final class Unread<T> {
  private final Supplier<List<T>> all;
  private int read;

  Unread(Supplier<List<T>> all) {
    this.all = all;
  }

  List<T> take() {
    List<T> everything = all.get();
    List<T> fresh = new ArrayList<>(everything.subList(read, everything.size()));
    read = everything.size();
    return fresh;
  }

  /** For a new driver, whose outputs start empty. */
  void restart() {
    read = 0;
  }
}
