package dev.customerpulse.generator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/** Sends generated events at a fixed rate until a duration has passed or someone asks it to stop. */
public final class GeneratorLoop {
  private GeneratorLoop() {}

  /**
   * Runs on the calling thread; {@code duration} zero means until {@code stop} says so. Counts every
   * event handed to the producer in {@code produced}, then flushes the producer.
   */
  public static void run(EventProducer producer, GeneratorSettings shape, Duration duration, BooleanSupplier stop,
      AtomicLong produced) throws InterruptedException {
    EventGenerator events = new EventGenerator(shape);
    Pacer pacer = new Pacer(shape.eventsPerSecond());
    long deadline = duration.isZero() ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
    while (!stop.getAsBoolean() && System.nanoTime() < deadline) {
      producer.send(events.next());
      produced.incrementAndGet();
      pacer.tick();
    }
    producer.flush();
  }
}
