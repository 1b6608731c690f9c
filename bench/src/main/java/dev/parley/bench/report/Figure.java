package dev.parley.bench.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A figure a load run reports: its key in a figures file, how it reads, and its unit. */
public enum Figure {
  CLIENTS("clients", "clients", Unit.COUNT, false),
  ROOMS("rooms", "rooms", Unit.COUNT, false),
  SENDERS("senders", "senders", Unit.COUNT, false),
  RATE_PER_SECOND("rate_per_second", "messages/s asked for, in total", Unit.COUNT, false),
  CONNECTION_FAILURES("connection_failures", "connections that failed", Unit.COUNT, false),
  CONNECT_SECONDS("connect_seconds", "all connected and welcomed", Unit.SECONDS, true),
  CONNECT_P50("connect_p50_ms", "connection setup p50", Unit.MILLISECONDS, true),
  CONNECT_P99("connect_p99_ms", "connection setup p99", Unit.MILLISECONDS, true),
  JOIN_SECONDS("join_seconds", "join storm: all joined", Unit.SECONDS, true),
  JOIN_SETTLED_SECONDS(
      "join_settled_seconds", "join storm: all member_joined in", Unit.SECONDS, true),
  MEMORY_PER_CONNECTION(
      "memory_per_connection_kib", "server memory per connection", Unit.KIB, true),
  MEMORY_PER_CONNECTION_WITHOUT_GC(
      "memory_per_connection_without_gc_kib",
      "server memory per connection, before GC",
      Unit.KIB,
      true),
  SERVER_RSS_BEFORE("server_rss_before_mib", "server resident memory before", Unit.MIB, false),
  SERVER_RSS_AFTER_JOIN(
      "server_rss_after_join_mib", "server resident memory after joins", Unit.MIB, false),
  SERVER_CPU_CONNECT_AND_JOIN(
      "server_cpu_connect_and_join_s", "server CPU for connects and joins", Unit.SECONDS, true),
  MESSAGES_SENT("messages_sent", "messages sent", Unit.COUNT, false),
  DELIVERIES("deliveries", "deliveries", Unit.COUNT, false),
  DELIVERIES_EXPECTED("deliveries_expected", "deliveries expected", Unit.COUNT, false),
  GAPS("gaps", "gap frames (drops for slow readers)", Unit.COUNT, true),
  ERRORS("errors", "error frames", Unit.COUNT, false),
  LOAD_SECONDS("load_seconds", "first send to last delivery", Unit.SECONDS, false),
  DELIVERIES_PER_SECOND("deliveries_per_second", "deliveries/s", Unit.COUNT, true),
  DELIVERIES_PER_SERVER_CPU_SECOND(
      "deliveries_per_server_cpu_second", "deliveries per second of server CPU", Unit.COUNT, true),
  LATENCY_P50("latency_p50_ms", "latency p50", Unit.MILLISECONDS, true),
  LATENCY_P90("latency_p90_ms", "latency p90", Unit.MILLISECONDS, true),
  LATENCY_P99("latency_p99_ms", "latency p99", Unit.MILLISECONDS, true),
  LATENCY_P999("latency_p999_ms", "latency p99.9", Unit.MILLISECONDS, true),
  LATENCY_MAX("latency_max_ms", "latency max", Unit.MILLISECONDS, true),
  SERVER_CPU_LOAD("server_cpu_load_percent", "server CPU while sending", Unit.PERCENT, true),
  SERVER_CORES_TAKEN(
      "server_cores_taken_percent", "other processes on the server's core", Unit.PERCENT, true),
  GENERATOR_CPU_LOAD(
      "generator_cpu_load_percent", "load generator CPU while sending", Unit.PERCENT, true),
  GENERATOR_CORES_TAKEN(
      "generator_cores_taken_percent",
      "other processes on the generator's core",
      Unit.PERCENT,
      true);

  /** How a value is shown. */
  public enum Unit {
    COUNT(""),
    SECONDS(" s"),
    MILLISECONDS(" ms"),
    PERCENT(" %"),
    KIB(" KiB"),
    MIB(" MiB");

    private final String suffix;

    Unit(String suffix) {
      this.suffix = suffix;
    }

    String format(double value) {
      if (this == COUNT || this == PERCENT) {
        return String.format(Locale.ROOT, "%,.0f%s", value, suffix);
      }
      return significant(value) + suffix;
    }

    // three significant digits, never in exponent notation
    private static String significant(double value) {
      double magnitude = Math.abs(value);
      int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
      return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
  }

  private final String key;
  private final String label;
  private final Unit unit;
  private final boolean compared;

  Figure(String key, String label, Unit unit, boolean compared) {
    this.key = key;
    this.label = label;
    this.unit = unit;
    this.compared = compared;
  }

  public String key() {
    return key;
  }

  public String label() {
    return label;
  }

  /** Whether the comparison table shows it. */
  public boolean compared() {
    return compared;
  }

  public String format(double value) {
    return unit.format(value);
  }

  public static Optional<Figure> byKey(String key) {
    return Arrays.stream(values()).filter(figure -> figure.key.equals(key)).findFirst();
  }
}
