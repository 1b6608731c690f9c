package dev.parley.bench.pressure;

import dev.parley.bench.persist.ServerJvm;
import dev.parley.bench.persist.ServerProcess;
import dev.parley.bench.probe.ProcessProbe;
import dev.parley.bench.probe.ProcessSample;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Two attacks on one server with its default limits, from many loopback addresses, and what they
 * cost: silent connections that never say hello, and how long a newcomer then takes to be welcomed
 * and joined against the same newcomer alone; and password guessing against a few accounts, the
 * server's CPU and memory meanwhile.
 */
@Command(
    name = "pressure",
    mixinStandardHelpOptions = true,
    description = "Silent connections and password guessing from many addresses, with figures.")
public final class PressureCommand implements Callable<Integer> {

  private static final Pattern CODE = Pattern.compile("\"code\":\"([a-z_]+)\"");
  private static final String PASSWORD = "the right password";
  private static final int ACCOUNTS = 10;
  private static final int WARM_UP_LOGINS = 50;
  private static final int TIMEOUT_MILLIS = 30_000;

  @Mixin private ServerJvm serverJvm;

  @Option(names = "--server-config", defaultValue = "bench/bench-pressure-server.conf")
  private Path serverConfig;

  @Option(names = "--silent", defaultValue = "1200", description = "Silent connections.")
  private int silent;

  @Option(names = "--addresses", defaultValue = "12", description = "Loopback addresses used.")
  private int addresses;

  @Option(names = "--guessers", defaultValue = "200", description = "Guessing connections.")
  private int guessers;

  @Option(names = "--guess-seconds", defaultValue = "20", description = "How long they guess.")
  private int guessSeconds;

  @Option(
      names = "--settle-seconds",
      defaultValue = "5",
      description = "How long the silent connections stand before the newcomer comes.")
  private int settleSeconds;

  @Option(
      names = "--clock-ticks",
      defaultValue = "100",
      description = "The unit of CPU times in /proc: getconf CLK_TCK.")
  private int clockTicks;

  @Override
  public Integer call() throws Exception {
    List<String> command = new ArrayList<>(serverJvm.command());
    command.add("--config");
    command.add(serverConfig.toString());
    Path log = Files.createTempFile("parley-pressure", ".log");
    try (var server = ServerProcess.start(command, log, Duration.ofSeconds(60))) {
      var probe = new ProcessProbe(server.pid(), clockTicks);
      silentConnections(server.address());
      passwordGuessing(server.address(), probe);
    }
    return 0;
  }

  private InetAddress loopback(int index) throws IOException {
    return InetAddress.getByName("127.0.0." + (2 + index % addresses));
  }

  private void silentConnections(InetSocketAddress server) throws Exception {
    // the first logins warm the server up: a cold JIT and store are not what this measures
    for (int i = 0; i < WARM_UP_LOGINS; i++) {
      newcomer(server);
    }
    double alone = newcomer(server);
    var sockets = new ArrayList<Socket>();
    try {
      for (int i = 0; i < silent; i++) {
        var socket = new Socket();
        socket.bind(new InetSocketAddress(loopback(i), 0));
        socket.connect(server, TIMEOUT_MILLIS);
        sockets.add(socket);
      }
      // the server accepts and sets up what the kernel already took: a newcomer is measured
      // among connections that are open, not behind a queue of them
      Thread.sleep(Duration.ofSeconds(settleSeconds).toMillis());
      double amidSilent = newcomer(server);
      System.out.printf(
          "| a newcomer from another address, welcomed and joined | %.1f ms alone | %.1f ms amid %d"
              + " silent connections from %d addresses | ratio %.2f |%n",
          alone, amidSilent, silent, addresses, amidSilent / alone);
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  /** Connects from an address of its own, says hello and waits for its joined: in ms. */
  private static double newcomer(InetSocketAddress server) throws IOException {
    long start = System.nanoTime();
    try (var newcomer = new Socket()) {
      newcomer.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.250"), 0));
      newcomer.connect(server, TIMEOUT_MILLIS);
      newcomer.setSoTimeout(TIMEOUT_MILLIS);
      var in = reader(newcomer);
      send(newcomer, "{\"type\":\"hello\"}");
      for (String line = in.readLine(); !line.contains("\"joined\""); line = in.readLine()) {
        if (line.contains("\"bye\"")) {
          throw new IOException("the newcomer was told " + line);
        }
      }
      double millis = (System.nanoTime() - start) / 1e6;
      send(newcomer, "{\"type\":\"quit\"}");
      return millis;
    }
  }

  private void passwordGuessing(InetSocketAddress server, ProcessProbe probe) throws Exception {
    List<String> accounts = new ArrayList<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      String nick = "target" + i;
      try (var socket = new Socket()) {
        socket.connect(server, TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        var in = reader(socket);
        send(socket, "{\"type\":\"hello\",\"nick\":\"" + nick + "\"}");
        send(socket, "{\"type\":\"register\",\"id\":1,\"password\":\"" + PASSWORD + "\"}");
        String line = in.readLine();
        while (line != null && !line.contains("\"ok\"")) {
          line = in.readLine();
        }
      }
      accounts.add(nick);
    }
    Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    long end = System.nanoTime() + Duration.ofSeconds(guessSeconds).toNanos();
    var threads = new ArrayList<Thread>();
    for (int i = 0; i < guessers; i++) {
      int index = i;
      var thread =
          new Thread(
              () -> guess(server, index, accounts.get(index % ACCOUNTS), end, answers),
              "guesser-" + i);
      thread.setDaemon(true);
      threads.add(thread);
    }
    ProcessSample before = probe.sample();
    threads.forEach(Thread::start);
    long highestRss = before.residentKib();
    double highestCpu = 0;
    ProcessSample last = before;
    while (System.nanoTime() < end) {
      Thread.sleep(1000);
      ProcessSample now = probe.sample();
      highestCpu = Math.max(highestCpu, probe.cpuPercent(last, now));
      highestRss = Math.max(highestRss, now.residentKib());
      last = now;
    }
    for (Thread thread : threads) {
      thread.join(TIMEOUT_MILLIS);
    }
    ProcessSample after = probe.sample();
    System.out.printf(
        "| %d guessing connections from %d addresses against %d accounts, %d s | server CPU mean"
            + " %.0f %%, highest %.0f %% | RSS %d MiB before, highest %d MiB | answers/s: %s |%n",
        guessers,
        addresses,
        ACCOUNTS,
        guessSeconds,
        probe.cpuPercent(before, after),
        highestCpu,
        before.residentKib() / 1024,
        highestRss / 1024,
        perSecond(answers));
  }

  private String perSecond(Map<String, LongAdder> answers) {
    var parts = new ArrayList<String>();
    answers.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            entry ->
                parts.add(
                    entry.getKey()
                        + " "
                        + Math.round(entry.getValue().sum() / (double) guessSeconds)));
    return String.join(", ", parts);
  }

  // one connection after another, as the server ends each after its frames before a welcome
  private void guess(
      InetSocketAddress server,
      int index,
      String account,
      long end,
      Map<String, LongAdder> answers) {
    int tries = 0;
    while (System.nanoTime() < end) {
      try (var socket = new Socket()) {
        socket.bind(new InetSocketAddress(loopback(index), 0));
        socket.connect(server, TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        var in = reader(socket);
        while (System.nanoTime() < end) {
          send(
              socket,
              "{\"type\":\"hello\",\"nick\":\""
                  + account
                  + "\",\"password\":\"guess"
                  + tries++
                  + "\"}");
          String line = in.readLine();
          if (line == null || line.contains("\"bye\"")) {
            count(answers, line == null ? "closed" : "bye");
            break;
          }
          Matcher code = CODE.matcher(line);
          count(answers, code.find() ? code.group(1) : "other");
        }
      } catch (IOException e) {
        count(answers, "failed");
      }
    }
  }

  private static void count(Map<String, LongAdder> answers, String what) {
    answers.computeIfAbsent(what, key -> new LongAdder()).increment();
  }

  private static BufferedReader reader(Socket socket) throws IOException {
    return new BufferedReader(
        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
  }

  private static void send(Socket socket, String frame) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write((frame + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
