package dev.parley.server.console;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.io.OutputStream;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * While the operator types, what the server logs to the console goes above the prompt: each console
 * appender of the root logger writes through the line editor instead of to standard output, until
 * {@link #close()} gives it its stream back.
 */
final class LogAbovePrompt implements AutoCloseable {

  private final Map<ConsoleAppender<ILoggingEvent>, OutputStream> original;

  private LogAbovePrompt(Map<ConsoleAppender<ILoggingEvent>, OutputStream> original) {
    this.original = original;
  }

  /** Sends the console's log lines to {@code printAbove}, each line once it is whole. */
  static LogAbovePrompt route(Consumer<String> printAbove) {
    var original = new IdentityHashMap<ConsoleAppender<ILoggingEvent>, OutputStream>();
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      for (var appenders = root.iteratorForAppenders(); appenders.hasNext(); ) {
        Appender<ILoggingEvent> appender = appenders.next();
        if (appender instanceof ConsoleAppender<ILoggingEvent> console) {
          original.put(console, console.getOutputStream());
          // the appender writes each event in one call, under a lock of its own
          console.setOutputStream(new LinesAbove(printAbove));
        }
      }
    }
    return new LogAbovePrompt(original);
  }

  /** Gives each appender its own stream back; the next lines are logged as before. */
  @Override
  public synchronized void close() {
    original.forEach(ConsoleAppender::setOutputStream);
    original.clear();
  }
}
