package dev.parley.bench.soak;

import dev.parley.bench.persist.ServerJvm;
import dev.parley.bench.persist.ServerProcess;
import dev.parley.bench.probe.ProcessProbe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code soak}: clients that come and go at random for a while, then what they left behind. */
@Command(
    name = "soak",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the server (with the HTTP door on, for /metrics) and runs --clients clients for"
          + " --seconds, each on a thread of its own with a Random of --seed: they log in as"
          + " guests, to accounts they registered, or first with a wrong password; join, leave"
          + " and say in --rooms rooms; quit or drop the socket; and connect again.",
      "At the end every client quits, and the soak checks that every acknowledged say is in"
          + " its room's history exactly once at its seq, that no connection is left open, that"
          + " the server's live threads came back near their level before the clients, and that"
          + " its memory after a collection shows no clear leak. Prints the table; exit 1 when a"
          + " check fails."
    })
public final class SoakCommand implements Callable<Integer> {

  private static final int EXIT_FAILED = 1;
  private static final int EXIT_BAD_USAGE = 2;
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern WEB_CLIENT =
      Pattern.compile("Serving the web client at (http://\\S+)");
  private static final String DECOY = "soakdecoy";
  private static final int HISTORY_PAGE = 500;

  @Mixin private ServerJvm serverJvm;

  @Option(
      names = "--server-config",
      defaultValue = "bench/bench-soak-server.conf",
      description = "The server's settings, with the HTTP door on at port 0.")
  private Path serverConfig;

  @Option(names = "--seconds", defaultValue = "60", description = "How long the clients run.")
  private long seconds;

  @Option(names = "--seed", defaultValue = "1", description = "The seed of every client's Random.")
  private long seed;

  @Option(names = "--clients", defaultValue = "50", description = "Clients, one thread each.")
  private int clients;

  @Option(names = "--rooms", defaultValue = "5", description = "Rooms the clients share.")
  private int rooms;

  @Option(
      names = "--mean-pause-millis",
      defaultValue = "400",
      description =
          "A client's mean pause after each frame, in ms: with the default about 2.5 frames/s per"
              + " client, inside the default flood control.")
  private int meanPauseMillis;

  @Option(
      names = "--thread-margin",
      defaultValue = "16",
      description = "Live threads the server may keep above its level before the clients came.")
  private int threadMargin;

  @Option(
      names = "--settle-seconds",
      defaultValue = "90",
      description =
          "After the clients, how long to wait for the connections to close and the threads to"
              + " come back (idle pool threads retire after about 60 s).")
  private long settleSeconds;

  @Option(
      names = "--clock-ticks",
      defaultValue = "100",
      description = "Clock ticks per second of /proc CPU times: getconf CLK_TCK.")
  private int clockTicks;

  @Option(
      names = "--work-dir",
      description = "Where the server's log goes (default: a new temporary directory).")
  private Path workDir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (!Files.isRegularFile(serverJvm.jar()) || !Files.isRegularFile(serverConfig)) {
      System.err.println(
          "soak: no server jar at " + serverJvm.jar() + " or no config at " + serverConfig);
      return EXIT_BAD_USAGE;
    }
    if (seconds <= 0 || clients <= 0 || rooms <= 0 || meanPauseMillis < 2) {
      System.err.println(
          "soak: --seconds, --clients, --rooms and --mean-pause-millis are positive");
      return EXIT_BAD_USAGE;
    }
    Path dir = workDir != null ? workDir : Files.createTempDirectory("parley-soak-");
    Files.createDirectories(dir);
    var command = new ArrayList<>(serverJvm.command());
    command.add("--config");
    command.add(serverConfig.toAbsolutePath().toString());
    var webClient = new CompletableFuture<URI>();
    Path log = dir.resolve("server.log");
    try (var server =
        ServerProcess.start(
            command,
            log,
            START_TIMEOUT,
            line -> {
              var matcher = WEB_CLIENT.matcher(line);
              if (matcher.find()) {
                webClient.complete(URI.create(matcher.group(1)));
              }
            })) {
      URI metrics = webClient.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS).resolve("/metrics");
      SoakReport report = soak(server, metrics);
      System.out.print(report.render());
      var stopped = server.stop(STOP_TIMEOUT);
      System.err.println(
          "soak: the server stopped with status " + stopped.exitStatus() + "; log in " + log);
      return report.passed() ? 0 : EXIT_FAILED;
    } catch (TimeoutException | IllegalStateException | java.util.concurrent.ExecutionException e) {
      System.err.println("soak: " + e.getMessage() + " (server log: " + log + ")");
      return EXIT_FAILED;
    }
  }

  private SoakReport soak(ServerProcess server, URI metrics)
      throws IOException, InterruptedException {
    InetSocketAddress address = server.address();
    var probe = new ProcessProbe(server.pid(), clockTicks);
    List<String> roomNames =
        IntStream.range(0, rooms).mapToObj(i -> "soak-" + i).collect(Collectors.toList());
    prepare(address, roomNames);
    await(metrics, text -> openConnections(text) == 0, Duration.ofSeconds(settleSeconds));
    long threadsBefore =
        (long) PrometheusText.parse(scrape(metrics)).sum("jvm_threads_live_threads").orElse(-1);
    long rssBeforeKib = residentAfterCollection(probe);
    long heapBefore = heapUsedBytes(scrape(metrics));
    System.err.printf(
        "soak: %d clients for %d s, seed %d; before: %d live threads, %,d KiB resident%n",
        clients, seconds, seed, threadsBefore, rssBeforeKib);

    var tally = new SoakTally();
    long startedAt = System.nanoTime();
    var plan =
        new SoakClient.Plan(
            address,
            roomNames,
            DECOY,
            startedAt + TimeUnit.SECONDS.toNanos(seconds),
            ANSWER_TIMEOUT,
            meanPauseMillis);
    var soakClients = new ArrayList<SoakClient>();
    var threads = new ArrayList<Thread>();
    for (int i = 0; i < clients; i++) {
      var client = new SoakClient(plan, i, seed, tally);
      soakClients.add(client);
      var thread = new Thread(client, "soak-client-" + i);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double ranSeconds = (System.nanoTime() - startedAt) / 1e9;
    var ledger = new Ledger();
    soakClients.forEach(client -> ledger.addAll(client.ledger()));
    System.err.printf(
        "soak: the clients ran %.1f s; %,d says acknowledged; checking history%n",
        ranSeconds, ledger.size());

    var history = history(address, roomNames);
    Ledger.Verdict verdict = ledger.check(history);

    String afterConnections =
        await(metrics, text -> openConnections(text) == 0, Duration.ofSeconds(settleSeconds));
    var countsAfter = PrometheusText.parse(afterConnections);
    double openAfter = openConnections(afterConnections);
    String afterThreads =
        await(
            metrics,
            text -> liveThreads(text) <= threadsBefore + threadMargin,
            Duration.ofSeconds(settleSeconds));
    long threadsAfter = liveThreads(afterThreads);
    long rssAfterKib = residentAfterCollection(probe);
    long heapAfter = heapUsedBytes(scrape(metrics));

    var rows = new ArrayList<SoakReport.Row>();
    rows.add(row("duration", String.format("%.1f s", ranSeconds)));
    rows.add(row("seed", Long.toString(seed)));
    rows.add(row("clients / rooms", clients + " / " + rooms));
    rows.add(row("connections made", String.format("%,d", tally.connections.get())));
    rows.add(
        row(
            "sessions ended by quit / by a dropped socket",
            tally.quits.get() + " / " + tally.drops.get()));
    rows.add(
        row(
            "logins: guest / to a registered account",
            tally.guestLogins.get() + " / " + tally.accountLogins.get()));
    rows.add(row("accounts registered", Long.toString(tally.registrations.get())));
    rows.add(
        row(
            "logins failed as expected (auth_failed, locked_out)",
            Long.toString(tally.loginsFailedAsExpected.get())));
    rows.add(row("answered server_busy", Long.toString(tally.serverBusy.get())));
    rows.add(row("joins / leaves", tally.joins.get() + " / " + tally.leaves.get()));
    rows.add(row("messages acknowledged", String.format("%,d", ledger.size())));
    rows.add(
        row(
            "in history: once / missing / duplicated / at another seq",
            String.format(
                "%,d / %d / %d / %d",
                verdict.once(), verdict.missing(), verdict.duplicated(), verdict.misplaced())));
    rows.add(row("messages read from history", String.format("%,d", history.size())));
    rows.add(
        row(
            "connections open at end, by door",
            countsAfter.byLabel("parley_connections_open", "door").entrySet().stream()
                .map(door -> door.getKey() + " " + String.format("%.0f", door.getValue()))
                .collect(Collectors.joining(", "))));
    rows.add(row("live threads before / after", threadsBefore + " / " + threadsAfter));
    rows.add(
        row(
            "resident memory before / after (each after GC.run)",
            String.format("%,d KiB / %,d KiB", rssBeforeKib, rssAfterKib)));
    rows.add(
        row(
            "heap used before / after (each after GC.run)",
            String.format("%,d KiB / %,d KiB", heapBefore / 1024, heapAfter / 1024)));
    rows.add(
        row(
            "rooms the server holds at end",
            String.format("%.0f", countsAfter.sum("parley_rooms").orElse(-1))));
    rows.add(row("unexpected answers or lost links", Long.toString(tally.surprises())));

    var checks = new ArrayList<SoakReport.Check>();
    checks.add(
        new SoakReport.Check(
            "every acknowledged message in history once",
            verdict.allOnce() && ledger.size() > 0,
            String.format("%,d of %,d", verdict.once(), ledger.size())));
    checks.add(
        new SoakReport.Check(
            "no connection left open", openAfter == 0, String.format("%.0f", openAfter)));
    checks.add(
        new SoakReport.Check(
            "live threads back within " + threadMargin,
            threadsBefore >= 0 && threadsAfter <= threadsBefore + threadMargin,
            threadsBefore + " then " + threadsAfter));
    checks.add(
        new SoakReport.Check(
            "no clear memory leak (> 2x and > +50 MiB)",
            rssBeforeKib > 0 && !SoakReport.clearLeak(rssBeforeKib, rssAfterKib),
            String.format("%+,d KiB", rssAfterKib - rssBeforeKib)));
    checks.add(
        new SoakReport.Check(
            "no unexpected answer, no lost link",
            tally.surprises() == 0,
            tally.surprises() == 0 ? "none" : String.join("; ", tally.firstSurprises())));
    return new SoakReport(rows, checks);
  }

  // the decoy account that wrong passwords go to, and the rooms
  private void prepare(InetSocketAddress address, List<String> roomNames) throws IOException {
    try (var setup = SoakConnection.open(address, ANSWER_TIMEOUT)) {
      expect(
          setup.ask(SoakConnection.frame("hello").put("nick", DECOY), Set.of("welcome", "error")),
          "welcome");
      expect(
          setup.ask(
              SoakConnection.frame("register").put("password", "soak-decoy-password"),
              Set.of("ok", "error")),
          "ok");
      for (String room : roomNames) {
        expect(
            setup.ask(SoakConnection.frame("create").put("room", room), Set.of("joined", "error")),
            "joined");
      }
      setup.ask(SoakConnection.frame("quit"), Set.of("bye"));
    }
  }

  private List<Ledger.Message> history(InetSocketAddress address, List<String> roomNames)
      throws IOException {
    var history = new ArrayList<Ledger.Message>();
    try (var checker = SoakConnection.open(address, ANSWER_TIMEOUT)) {
      expect(
          checker.ask(
              SoakConnection.frame("hello").put("nick", "soakcheck"), Set.of("welcome", "error")),
          "welcome");
      for (String room : roomNames) {
        expect(
            checker.ask(SoakConnection.frame("join").put("room", room), Set.of("joined", "error")),
            "joined");
        long afterSeq = 0;
        while (true) {
          var page = checker.historyPage(room, afterSeq, HISTORY_PAGE);
          if (page.isEmpty()) {
            break;
          }
          history.addAll(page);
          afterSeq = page.get(page.size() - 1).seq();
        }
      }
      checker.ask(SoakConnection.frame("quit"), Set.of("bye"));
    }
    return history;
  }

  private static void expect(com.fasterxml.jackson.databind.JsonNode answer, String type)
      throws IOException {
    if (!answer.path("type").asText().equals(type)) {
      throw new IOException("expected " + type + ", got " + answer);
    }
  }

  private long residentAfterCollection(ProcessProbe probe) {
    if (!probe.collectGarbage()) {
      System.err.println("soak: jcmd GC.run failed; resident memory without a collection");
    }
    return probe.sample().residentKib();
  }

  // the last scrape: the first that meets the condition, or the one at the timeout
  private String await(URI metrics, Predicate<String> condition, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String text = scrape(metrics);
      if (condition.test(text) || System.nanoTime() >= deadline) {
        return text;
      }
      Thread.sleep(500);
    }
  }

  private String scrape(URI metrics) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(metrics).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(metrics + " answered " + response.statusCode());
    }
    return response.body();
  }

  private static double openConnections(String metricsText) {
    return PrometheusText.parse(metricsText).sum("parley_connections_open").orElse(-1);
  }

  private static long heapUsedBytes(String metricsText) {
    return PrometheusText.parse(metricsText)
        .byLabel("jvm_memory_used_bytes", "area")
        .getOrDefault("heap", -1.0)
        .longValue();
  }

  private static long liveThreads(String metricsText) {
    return (long) PrometheusText.parse(metricsText).sum("jvm_threads_live_threads").orElse(-1);
  }

  private static SoakReport.Row row(String figure, String value) {
    return new SoakReport.Row(figure, value);
  }
}
