package dev.parley.server.metrics;

import dev.parley.protocol.ErrorCode;
import dev.parley.server.session.FrontDoor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the server counts for {@code /metrics}, in Prometheus' text format: one registry per server,
 * its meters made once here, so that counting on a hot path is an add to a counter and nothing
 * more. The actors count; nothing here holds chat state.
 */
public final class ServerMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry;
  // null when the JVM is not reported
  private final JvmGcMetrics gcMetrics;
  private final Map<FrontDoor, AtomicInteger> openConnections = new EnumMap<>(FrontDoor.class);
  private final AtomicInteger rooms = new AtomicInteger();
  private final Counter messagesPosted;
  private final Counter deliveries;
  private final Counter gaps;
  private final Counter slowConsumerCutOffs;
  private final Map<ErrorCode, Counter> refusedFrames = new EnumMap<>(ErrorCode.class);
  private final Counter failedLogins;
  private final Timer storeWrites;

  private ServerMetrics(boolean withJvm) {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    for (FrontDoor door : FrontDoor.values()) {
      var open = new AtomicInteger();
      openConnections.put(door, open);
      Gauge.builder("parley.connections.open", open, AtomicInteger::get)
          .description("Connections open now, by front door")
          .tag("door", door.label())
          .register(registry);
    }
    Gauge.builder("parley.rooms", rooms, AtomicInteger::get)
        .description("Rooms the server holds")
        .register(registry);
    messagesPosted =
        Counter.builder("parley.messages.posted")
            .description("Room messages stored and sent")
            .register(registry);
    deliveries =
        Counter.builder("parley.deliveries")
            .description("Room messages handed to members' sessions, the sender's echo included")
            .register(registry);
    gaps =
        Counter.builder("parley.gaps")
            .description("gap frames: runs of messages dropped for readers too slow to take them")
            .register(registry);
    slowConsumerCutOffs =
        Counter.builder("parley.slow.consumer.cutoffs")
            .description("Connections cut off for not reading their output")
            .register(registry);
    for (ErrorCode code : ErrorCode.values()) {
      refusedFrames.put(
          code,
          Counter.builder("parley.frames.refused")
              .description("Client frames answered with an error, by its code")
              .tag("code", code.wireName())
              .register(registry));
    }
    failedLogins =
        Counter.builder("parley.logins.failed")
            .description("hello frames refused auth_failed or locked_out")
            .register(registry);
    storeWrites =
        Timer.builder("parley.store.write")
            .description("Time from handing the store a write to its being stored")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    if (withJvm) {
      new JvmMemoryMetrics().bindTo(registry);
      gcMetrics = new JvmGcMetrics();
      gcMetrics.bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ClassLoaderMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      new UptimeMetrics().bindTo(registry);
    } else {
      gcMetrics = null;
    }
  }

  /** The server's meters and the JVM's: memory, collections, threads, classes, CPU, uptime. */
  public static ServerMetrics create() {
    return new ServerMetrics(true);
  }

  /** The server's meters alone, for actors run without a server around them. */
  public static ServerMetrics chatOnly() {
    return new ServerMetrics(false);
  }

  /** Every meter in Prometheus' text format, version 0.0.4. */
  public String scrape() {
    return registry.scrape();
  }

  public void connectionOpened(FrontDoor door) {
    openConnections.get(door).incrementAndGet();
  }

  public void connectionClosed(FrontDoor door) {
    openConnections.get(door).decrementAndGet();
  }

  public void roomsHeld(int count) {
    rooms.set(count);
  }

  /** A batch of {@code messages} stored in a room of {@code members}. */
  public void messagesPosted(int messages, int members) {
    messagesPosted.increment(messages);
    deliveries.increment((double) messages * members);
  }

  public void gapAnnounced() {
    gaps.increment();
  }

  public void slowConsumerCutOff() {
    slowConsumerCutOffs.increment();
  }

  public void frameRefused(ErrorCode code) {
    refusedFrames.get(code).increment();
    if (code == ErrorCode.AUTH_FAILED || code == ErrorCode.LOCKED_OUT) {
      failedLogins.increment();
    }
  }

  public void storeWrite(long nanos) {
    storeWrites.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    if (gcMetrics != null) {
      gcMetrics.close();
    }
    registry.close();
  }
}
