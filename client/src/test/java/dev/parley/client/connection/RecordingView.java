package dev.parley.client.connection;

import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.protocol.ServerFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A view that keeps what the connection shows, for a test to wait for. */
public final class RecordingView implements ChatView {

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final Duration timeout;

  private final BlockingQueue<Object> shown = new LinkedBlockingQueue<>();
  private final List<Object> everything = new CopyOnWriteArrayList<>();

  public RecordingView() {
    this(DEFAULT_TIMEOUT);
  }

  /** A view whose {@link #await} waits up to {@code timeout}. */
  public RecordingView(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public void onFrame(ServerFrame frame) {
    everything.add(frame);
    shown.add(frame);
  }

  @Override
  public void onEvent(ClientEvent event) {
    everything.add(event);
    shown.add(event);
  }

  /** The frames or events of that type shown so far, awaited or not. */
  public <T> List<T> shownSoFar(Class<T> type) {
    return everything.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public <T> T await(Class<T> type) {
    return await(type, any -> true);
  }

  /** Waits for the next frame or event of that type that matches, passing over the others. */
  public <T> T await(Class<T> type, Predicate<T> matching) {
    List<Object> passed = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        Object next = shown.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (next == null) {
          return fail(
              "no " + type.getSimpleName() + " as expected within " + timeout + "; saw " + passed);
        }
        if (type.isInstance(next) && matching.test(type.cast(next))) {
          return type.cast(next);
        }
        passed.add(next);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  /** The room messages shown until one with that text, in order. */
  public List<ServerFrame.Message> messagesUntil(String text) {
    List<ServerFrame.Message> messages = new ArrayList<>();
    ServerFrame.Message message;
    do {
      message = await(ServerFrame.Message.class);
      messages.add(message);
    } while (!message.text().equals(text));
    return messages;
  }
}
