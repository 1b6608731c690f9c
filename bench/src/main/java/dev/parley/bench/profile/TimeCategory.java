package dev.parley.bench.profile;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a sample of the server's CPU went, as the README's table of a delivery's microseconds names
 * it. A sample is put by its thread first (the collector, the JIT compilers, the store's threads,
 * Pekko's TCP selector), then, on the threads that run the actors, by the system call it is in or
 * by the innermost JIT-compiled frame of a package named here. A method that the JIT compiled with
 * others inlined counts as its own: what the session does inside Pekko's frames that inlined it
 * counts as Pekko's.
 */
enum TimeCategory {
  KERNEL_WRITE("kernel: socket writes (with loopback's receive)"),
  KERNEL_READ("kernel: socket reads"),
  KERNEL_EPOLL("kernel: epoll"),
  KERNEL_FUTEX("kernel: parking and waking threads (futex)"),
  KERNEL_OTHER_CALLS("kernel: other system calls"),
  KERNEL_SWITCHES("kernel: switching threads"),
  KERNEL_OTHER("kernel: interrupts and the rest"),
  ACTOR_DISPATCH("actor messages: mailboxes and dispatcher"),
  ACTOR_CELLS("actor messages: cells, typed behaviours, adapters"),
  PEKKO_TCP("Pekko TCP: stage and connection actor"),
  PEKKO_TCP_SELECTOR("Pekko TCP: selector thread"),
  STREAM("stream stages and interpreter"),
  SESSION("session"),
  ROOM("room"),
  ENCODING("encoding and decoding (JSON)"),
  STORE_IN_ACTORS("store: in the room and the journal actor"),
  STORE_THREADS("store: its own threads (H2, slick, journal)"),
  RELAY("raw relay's code"),
  OTHER_CODE("other code"),
  JVM_RUNTIME("JVM runtime: allocation, stubs, interpreter"),
  COLLECTOR("collector and safepoints"),
  JIT("JIT compilers"),
  TIMERS("scheduler thread (timers)");

  private final String label;

  TimeCategory(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  private record Rule(List<String> prefixes, TimeCategory category) {}

  // the innermost frame of one of these packages decides; the order settles overlaps
  private static final List<Rule> JAVA_RULES =
      List.of(
          new Rule(List.of("dev.parley.server.session."), SESSION),
          new Rule(List.of("dev.parley.server.room."), ROOM),
          new Rule(
              List.of(
                  "dev.parley.server.wire.",
                  "dev.parley.server.irc.",
                  "dev.parley.protocol.",
                  "com.fasterxml.jackson."),
              ENCODING),
          new Rule(
              List.of(
                  "org.apache.pekko.persistence.",
                  "dev.parley.server.persistence.",
                  "slick.",
                  "org.h2.",
                  "com.zaxxer."),
              STORE_IN_ACTORS),
          new Rule(
              List.of("org.apache.pekko.stream.impl.io.TcpConnectionStage", "org.apache.pekko.io."),
              PEKKO_TCP),
          new Rule(List.of("org.apache.pekko.stream."), STREAM),
          new Rule(
              List.of("org.apache.pekko.dispatch.", "java.util.concurrent.ForkJoin"),
              ACTOR_DISPATCH),
          new Rule(List.of("org.apache.pekko.actor."), ACTOR_CELLS),
          new Rule(List.of("dev.parley.bench.relay."), RELAY),
          new Rule(List.of("dev.parley.", "org.apache.pekko.", "scala."), OTHER_CODE));

  private static final Pattern SYSTEM_CALL =
      Pattern.compile("^(?:__x64_sys_|__se_sys_|__do_sys_|ksys_)(\\w+)$");

  static TimeCategory of(PerfSample sample) {
    String thread = sample.thread();
    if (thread.startsWith("GC Thread") || thread.startsWith("VM Thread")) {
      return COLLECTOR;
    }
    if (thread.contains("CompilerThre")) {
      return JIT;
    }
    // slick's pool (db-N) and the journal plugin's dispatcher (parley-pekko.persistence...)
    if (thread.startsWith("db-") || thread.startsWith("parley-pekko.pe")) {
      return STORE_THREADS;
    }
    if (thread.startsWith("parley-pekko.io")) {
      return PEKKO_TCP_SELECTOR;
    }
    if (thread.startsWith("parley-schedule")) {
      return TIMERS;
    }
    List<PerfSample.Frame> stack = sample.stack();
    if (stack.isEmpty()) {
      return OTHER_CODE;
    }
    if (stack.get(0).inKernel()) {
      return inKernel(stack);
    }
    return inJava(stack)
        .orElse(stack.get(0).module().endsWith("libjvm.so") ? JVM_RUNTIME : OTHER_CODE);
  }

  private static TimeCategory inKernel(List<PerfSample.Frame> stack) {
    for (PerfSample.Frame frame : stack) {
      Matcher call = SYSTEM_CALL.matcher(frame.symbol());
      if (call.matches()) {
        return switch (call.group(1)) {
          case "write", "writev", "sendto", "sendmsg" -> KERNEL_WRITE;
          case "read", "readv", "recvfrom", "recvmsg" -> KERNEL_READ;
          case "epoll_wait", "epoll_pwait", "epoll_ctl" -> KERNEL_EPOLL;
          case "futex" -> KERNEL_FUTEX;
          default -> KERNEL_OTHER_CALLS;
        };
      }
    }
    boolean switching =
        stack.stream()
            .anyMatch(
                frame ->
                    frame.symbol().startsWith("finish_task_switch")
                        || frame.symbol().startsWith("schedule"));
    return switching ? KERNEL_SWITCHES : KERNEL_OTHER;
  }

  private static Optional<TimeCategory> inJava(List<PerfSample.Frame> stack) {
    for (PerfSample.Frame frame : stack) {
      String javaClass = frame.javaClass();
      if (javaClass.isEmpty()) {
        continue;
      }
      for (Rule rule : JAVA_RULES) {
        if (rule.prefixes().stream().anyMatch(javaClass::startsWith)) {
          return Optional.of(rule.category());
        }
      }
    }
    return Optional.empty();
  }
}
