package dev.customerpulse.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The garbage collections of this JVM (the job's and the benchmark's) while a window is open, each
 * with its duration as the collector reports it. With the parallel collector every collection stops
 * every thread, so the longest one is a pause of the whole pipeline.
 */
final class GcPauses implements AutoCloseable {
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = (notification, handback) -> {
    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      record(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo().getDuration());
    }
  };
  private long count;
  private long totalMillis;
  private long longestMillis;

  GcPauses() {
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (collector instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
  }

  private synchronized void record(long millis) {
    count++;
    totalMillis += millis;
    longestMillis = Math.max(longestMillis, millis);
  }

  /** Starts a new window: forgets the collections seen so far. */
  synchronized void reset() {
    count = 0;
    totalMillis = 0;
    longestMillis = 0;
  }

  /** The collections since the last reset: how many, their total and the longest, in milliseconds. */
  synchronized long[] countTotalLongest() {
    return new long[] {count, totalMillis, longestMillis};
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException ignored) {
        // Never added.
      }
    }
  }
}
