package dev.parley.bench.tls;

import dev.parley.bench.load.ClientFrames;
import dev.parley.bench.load.SayWriter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The clients of one round in one room, all through one door: connected, welcomed and joined by
 * {@link #open}, then its senders say until they are stopped, and every member counts what it
 * receives in the room's tally.
 */
final class FanOutRoom implements AutoCloseable {

  // once gaps dropped messages, the expected count never comes: it waits this long for more
  private static final Duration QUIET_AFTER_GAPS = Duration.ofSeconds(2);
  private static final long POLL_MILLIS = 10;

  private final FanOut fanOut;
  private final RoomTally tally = new RoomTally();
  private final List<Member> members = new ArrayList<>();
  private final List<RoomSender> senders = new ArrayList<>();
  private long sent;

  private FanOutRoom(FanOut fanOut) {
    this.fanOut = fanOut;
  }

  /**
   * Connects the clients through the door, says hello for each, has the first create the room and
   * the others join it.
   *
   * @throws TimeoutException when the server does not welcome or join them all in time
   * @throws IllegalStateException when the server refuses one of them
   */
  static FanOutRoom open(Door door, String room, FanOut fanOut, Duration timeout)
      throws IOException, InterruptedException, TimeoutException {
    var opened = new FanOutRoom(fanOut);
    try {
      opened.join(door, room, timeout);
    } catch (IOException | InterruptedException | TimeoutException | RuntimeException e) {
      opened.close();
      throw e;
    }
    return opened;
  }

  RoomTally tally() {
    return tally;
  }

  /** How the members' connections are protected: the TLS protocol and cipher, or cleartext. */
  String protection() {
    return members.get(0).protection();
  }

  void startSending() {
    senders.forEach(RoomSender::start);
  }

  /** Stops the senders; the says they sent are then on their way. */
  void stopSending() throws InterruptedException {
    for (RoomSender sender : senders) {
      sent += sender.stop();
    }
    senders.clear();
  }

  /**
   * Waits until every say sent reached every other member, or, once gaps dropped some, until no
   * more arrive.
   */
  void awaitDeliveries(Duration timeout) throws InterruptedException, TimeoutException {
    long expected = fanOut.deliveriesOf(sent);
    long deadline = System.nanoTime() + timeout.toNanos();
    long delivered = tally.delivered();
    long lastProgressAt = System.nanoTime();
    while (delivered < expected) {
      checkFailure();
      long now = System.nanoTime();
      if (tally.gaps() > 0 && now - lastProgressAt > QUIET_AFTER_GAPS.toNanos()) {
        return;
      }
      if (now > deadline) {
        throw new TimeoutException(
            String.format(
                "%,d of %,d deliveries came within %d s",
                delivered, expected, timeout.toSeconds()));
      }
      Thread.sleep(POLL_MILLIS);
      long deliveredNow = tally.delivered();
      if (deliveredNow > delivered) {
        delivered = deliveredNow;
        lastProgressAt = System.nanoTime();
      }
    }
  }

  /** Throws the first failure of a member, if any. */
  void checkFailure() {
    if (tally.failure() != null) {
      throw new IllegalStateException(tally.failure());
    }
  }

  @Override
  public void close() {
    try {
      stopSending();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    members.forEach(Member::close);
  }

  private void join(Door door, String room, Duration timeout)
      throws IOException, InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int connectMillis = (int) timeout.toMillis();
    for (int index = 0; index < fanOut.clients(); index++) {
      var member = Member.connect(door, room + "x" + index, tally, connectMillis);
      members.add(member);
      member.write(ClientFrames.hello(member.nick));
    }
    for (Member member : members) {
      member.awaitWelcome(deadline);
    }
    Member creator = members.get(0);
    creator.write(ClientFrames.create(room));
    creator.awaitJoined(deadline);
    for (Member member : members.subList(1, members.size())) {
      member.write(ClientFrames.join(room));
    }
    for (Member member : members) {
      member.awaitJoined(deadline);
    }
    long interval = fanOut.sendIntervalNanos();
    for (int index = 0; index < fanOut.senders(); index++) {
      Member member = members.get(index);
      member.openWindow(fanOut.window());
      senders.add(
          new RoomSender(
              member,
              new SayWriter(room, fanOut.textChars()),
              tally,
              interval,
              interval * index / fanOut.senders()));
    }
  }
}
