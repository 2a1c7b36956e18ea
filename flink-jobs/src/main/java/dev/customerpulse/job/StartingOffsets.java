package dev.customerpulse.job;

/** Where a job that has no checkpoint to resume from starts reading its input topics. */
public enum StartingOffsets {
  /** The consumer group's committed offsets; partitions without one start at the earliest offset. */
  COMMITTED,
  EARLIEST,
  LATEST
}
