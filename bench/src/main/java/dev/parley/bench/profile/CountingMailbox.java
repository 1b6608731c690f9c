package dev.parley.bench.profile;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.dispatch.Envelope;
import org.apache.pekko.dispatch.MailboxType;
import org.apache.pekko.dispatch.MessageQueue;
import org.apache.pekko.dispatch.ProducesMessageQueue;
import org.apache.pekko.dispatch.UnboundedMailbox;
import scala.Option;

/**
 * A mailbox in place of Pekko's own (classic, typed, streams), counting every message put into it
 * by the kind of actor it is for and the message's class, for {@code run.sh --count-messages}: how
 * many actor messages a delivery costs. It runs in the server's JVM (the bench jar on its class
 * path) and writes the counts so far once a second to the file named by {@code
 * parley-bench.mailbox-counts}, one line per second: {@code MILLIS kind/class=COUNT ...}.
 */
public final class CountingMailbox
    implements MailboxType, ProducesMessageQueue<UnboundedMailbox.MessageQueue> {

  private static final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  static {
    String file = System.getProperty("parley-bench.mailbox-counts");
    if (file != null) {
      var writer = new Thread(() -> writeEverySecond(Path.of(file)), "mailbox-counts");
      writer.setDaemon(true);
      writer.start();
    }
  }

  public CountingMailbox(ActorSystem.Settings settings, Config config) {}

  @Override
  public MessageQueue create(Option<ActorRef> owner, Option<ActorSystem> system) {
    String kind = owner.isDefined() ? kindOf(owner.get().path().toStringWithoutAddress()) : "other";
    return new CountingQueue(kind);
  }

  /** The kind of actor at {@code path}, as this server names its actors. */
  static String kindOf(String path) {
    if (path.contains("/IO-TCP/")) {
      return path.contains("/selectors/$") && path.chars().filter(c -> c == '/').count() > 4
          ? "tcp-connection"
          : "tcp-io";
    }
    if (path.contains("/Materializers/") || path.contains("StreamSupervisor")) {
      return "stream";
    }
    if (path.contains("/session-")) {
      return "session";
    }
    if (path.contains("/rooms/") || path.contains("/room-")) {
      return "room";
    }
    if (path.startsWith("/user/")) {
      String[] parts = path.split("/");
      return parts.length > 2 ? parts[2] : "user";
    }
    return "system";
  }

  private static final class CountingQueue extends UnboundedMailbox.MessageQueue {
    private final String kind;
    private final Map<Class<?>, LongAdder> byClass = new ConcurrentHashMap<>();

    CountingQueue(String kind) {
      this.kind = kind;
    }

    @Override
    public void enqueue(ActorRef receiver, Envelope handle) {
      byClass
          .computeIfAbsent(
              handle.message().getClass(),
              type -> counts.computeIfAbsent(kind + "/" + type.getName(), key -> new LongAdder()))
          .increment();
      super.enqueue(receiver, handle);
    }
  }

  private static void writeEverySecond(Path file) {
    try {
      Files.writeString(file, "");
      while (true) {
        Thread.sleep(1000);
        var line = new StringBuilder().append(System.currentTimeMillis());
        new TreeMap<>(counts)
            .forEach((key, count) -> line.append(' ').append(key).append('=').append(count.sum()));
        Files.writeString(
            file, line.append('\n'), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
