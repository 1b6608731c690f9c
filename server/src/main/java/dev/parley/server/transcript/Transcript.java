package dev.parley.server.transcript;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.settings.TranscriptSettings;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The chat log, apart from the operator's: every room message and notice on a line of its own,
 * written by logback in the background and rolled each day and by size. Off unless switched on.
 */
public final class Transcript implements AutoCloseable {

  private static final int FLUSH_AT_CLOSE_MILLIS = 10_000;

  private final Logger logger;
  private final AsyncAppender appender;
  private final ScheduledExecutorService cleaner;

  private Transcript(Logger logger, AsyncAppender appender, ScheduledExecutorService cleaner) {
    this.logger = logger;
    this.appender = appender;
    this.cleaner = cleaner;
  }

  /** A transcript that writes nothing. */
  public static Transcript off() {
    return new Transcript(null, null, null);
  }

  public static Transcript create(TranscriptSettings settings) {
    if (!settings.enabled()) {
      return off();
    }
    var context = (LoggerContext) LoggerFactory.getILoggerFactory();
    String file = settings.file().toAbsolutePath().toString();
    String base = file.endsWith(".log") ? file.substring(0, file.length() - 4) : file;

    var encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n");
    encoder.start();

    var fileAppender = new RollingFileAppender<ILoggingEvent>();
    fileAppender.setContext(context);
    fileAppender.setName("transcript-file");
    fileAppender.setFile(file);
    fileAppender.setEncoder(encoder);
    var rolling = new SizeAndTimeBasedRollingPolicy<ILoggingEvent>();
    rolling.setContext(context);
    rolling.setParent(fileAppender);
    rolling.setFileNamePattern(base + ".%d{yyyy-MM-dd}.%i.log");
    rolling.setMaxFileSize(new FileSize(settings.maxFileSize()));
    rolling.start();
    fileAppender.setRollingPolicy(rolling);
    fileAppender.start();

    // writing happens on logback's thread; an actor only hands the line over
    var async = new AsyncAppender();
    async.setContext(context);
    async.setName("transcript");
    async.setDiscardingThreshold(0);
    async.setQueueSize(settings.queueSize());
    // a disk that cannot keep up costs lines of the transcript, never a room its thread
    async.setNeverBlock(true);
    // at shutdown, what is queued is written out, however busy the machine
    async.setMaxFlushTime(FLUSH_AT_CLOSE_MILLIS);
    async.addAppender(fileAppender);
    async.start();

    // one logger per transcript, so that servers in one JVM keep theirs apart
    Logger logger = context.getLogger("parley.transcript." + UUID.randomUUID());
    logger.setAdditive(false);
    logger.setLevel(Level.INFO);
    logger.addAppender(async);

    // logback's own maxHistory removes files of the current day too, so old days go here
    var retention = new TranscriptRetention(settings.file(), settings.maxHistoryDays());
    var cleaner =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              var thread = new Thread(task, "parley-transcript-retention");
              thread.setDaemon(true);
              return thread;
            });
    cleaner.scheduleWithFixedDelay(retention::deleteExpired, 0, 1, TimeUnit.HOURS);
    return new Transcript(logger, async, cleaner);
  }

  public void message(String room, String nick, String text, Instant ts) {
    if (logger != null) {
      logger.info("{} #{} <{}> {}", FrameCodec.formatTimestamp(ts), room, nick, oneLine(text));
    }
  }

  public void notice(String text, Instant ts) {
    if (logger != null) {
      logger.info("{} * notice: {}", FrameCodec.formatTimestamp(ts), oneLine(text));
    }
  }

  /** Writes out what is still queued and closes the file. */
  @Override
  public void close() {
    if (appender != null) {
      cleaner.shutdownNow();
      appender.stop();
      logger.detachAppender(appender);
    }
  }

  private static String oneLine(String text) {
    return text.replace("\\", "\\\\").replace("\n", "\\n");
  }
}
