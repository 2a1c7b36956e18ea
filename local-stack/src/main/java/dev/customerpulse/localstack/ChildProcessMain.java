package dev.customerpulse.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of every child JVM the local stack starts: runs the real main class and exits when
 * its standard input closes. The parent holds that pipe open for as long as it lives, so a child
 * can never outlive its parent, even when the parent is killed with SIGKILL.
 */
public final class ChildProcessMain {
  private ChildProcessMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: ChildProcessMain <main-class> [args...]");
    }
    Thread watchdog = new Thread(ChildProcessMain::exitWhenParentGoes, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }

  private static void exitWhenParentGoes() {
    InputStream in = System.in;
    try {
      while (in.read() >= 0) {
        // The parent never writes; reading only waits for the pipe to close.
      }
    } catch (IOException ignored) {
      // A broken pipe means the same thing as end of input.
    }
    Thread killer = new Thread(() -> {
      sleepQuietly(10_000);
      Runtime.getRuntime().halt(1);
    }, "exit-deadline");
    killer.setDaemon(true);
    killer.start();
    System.exit(0);
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
