package dev.customerpulse.it;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every log line of this JVM at INFO and above, message and stack trace, while open: the level a
 * Flink cluster logs at by default. The console is left out meanwhile (INFO is thousands of lines),
 * and the test configuration's levels come back on {@link #close()}.
 */
final class CapturedLogs implements AutoCloseable {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
  private final Map<LoggerConfig, Level> levels = new HashMap<>();
  private final Map<String, org.apache.logging.log4j.core.Appender> rootAppenders;
  private final AbstractAppender capture;

  CapturedLogs() {
    Configuration config = context.getConfiguration();
    capture = new AbstractAppender("captured-logs", null, null, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        StringWriter line = new StringWriter();
        line.append(event.getLoggerName()).append(' ').append(event.getMessage().getFormattedMessage());
        if (event.getThrown() != null) {
          line.append('\n');
          event.getThrown().printStackTrace(new PrintWriter(line));
        }
        lines.add(line.toString());
      }
    };
    capture.start();
    LoggerConfig root = config.getRootLogger();
    rootAppenders = Map.copyOf(root.getAppenders());
    rootAppenders.keySet().forEach(root::removeAppender);
    root.addAppender(capture, null, null);
    for (LoggerConfig logger : config.getLoggers().values()) {
      levels.put(logger, logger.getLevel());
      logger.setLevel(Level.INFO);
    }
    context.updateLoggers();
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    Configuration config = context.getConfiguration();
    LoggerConfig root = config.getRootLogger();
    root.removeAppender(capture.getName());
    rootAppenders.values().forEach(appender -> root.addAppender(appender, null, null));
    levels.forEach(LoggerConfig::setLevel);
    context.updateLoggers();
    capture.stop();
  }
}
