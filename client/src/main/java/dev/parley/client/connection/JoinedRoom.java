package dev.parley.client.connection;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * What the client knows of one room it is in: the latest message it showed, the replay still coming
 * after a {@code joined}, and the gaps still to fill with {@code history}, one request at a time
 * and in order. Belongs to the {@link Connection} actor.
 *
 * <p>A hole in the {@code seq}s is no gap by itself: the server withholds the messages of those the
 * user blocks. Only a {@code gap} frame, or a replay that begins after the latest message shown,
 * tells of messages missed.
 */
final class JoinedRoom {

  /** Messages {@code from} to {@code to} of a room, both included. */
  record SeqRange(long from, long to) {}

  /** Whether a message that answers a gap fill is to be shown, and what it showed was lost. */
  record FillStep(boolean show, Optional<SeqRange> lost) {}

  private String name;
  private long lastSeq;
  private Instant lastTs = Instant.MIN;
  private int replayLeft;
  private int replayAnnounced;
  private boolean firstOfReplay;
  private boolean joinedOnLink;
  private final Deque<SeqRange> gaps = new ArrayDeque<>();
  private FrameId fillId;
  private long fillNext;
  private boolean fillProgressed;
  // something of the first gap came back, in this request or an earlier one
  private boolean gapReached;

  JoinedRoom(String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  /** Whether this is a {@code joined} for a room already joined on this connection. */
  boolean joined(String shownName, int replay) {
    boolean again = joinedOnLink;
    name = shownName;
    replayLeft = replay;
    replayAnnounced = replay;
    joinedOnLink = true;
    return again;
  }

  /** Whether a replayed message belongs to the replay announced by the last {@code joined}. */
  boolean takeReplay() {
    if (replayLeft == 0) {
      return false;
    }
    firstOfReplay = replayLeft == replayAnnounced;
    replayLeft--;
    return true;
  }

  /**
   * Whether a replayed message is one this client already showed before it reconnected. A server
   * that restarted without its history numbers anew, but stamps its messages later.
   */
  boolean alreadyShown(ServerFrame.Message message) {
    return lastSeq > 0
        && message.seq() <= lastSeq
        && message.ts() != null
        && !message.ts().isAfter(lastTs)
        && gaps.stream().noneMatch(gap -> gap.from() <= message.seq() && message.seq() <= gap.to());
  }

  /**
   * The messages between the latest shown one and the first of a replay, missed while away. Only
   * the first tells: the replay is the room's latest messages in a row, so a hole after its first
   * message is one withheld from this user.
   */
  Optional<SeqRange> missedBefore(ServerFrame.Message message) {
    return firstOfReplay && lastSeq > 0 && message.seq() > lastSeq + 1
        ? Optional.of(new SeqRange(lastSeq + 1, message.seq() - 1))
        : Optional.empty();
  }

  /** The message was shown, or hidden because the user blocks its sender. */
  void shown(ServerFrame.Message message) {
    lastSeq = message.seq();
    lastTs = message.ts() == null ? lastTs : message.ts();
  }

  /** The seq of the latest message shown, if any was. */
  Optional<Long> lastSeqShown() {
    return lastSeq > 0 ? Optional.of(lastSeq) : Optional.empty();
  }

  void addGap(SeqRange gap) {
    // the server's gap after a replay names what the replay's first message tells as well
    if (gaps.contains(gap)) {
      return;
    }
    gaps.addLast(gap);
  }

  boolean needsFill() {
    return fillId == null && !gaps.isEmpty();
  }

  /** The history request for the first gap, at most {@code batch} messages of it. */
  ClientFrame.History startFill(FrameId id, int batch) {
    SeqRange gap = gaps.getFirst();
    fillId = id;
    fillNext = gap.from();
    fillProgressed = false;
    long size = gap.to() - gap.from() + 1;
    return new ClientFrame.History(id, name, null, gap.from() - 1, (int) Math.min(size, batch));
  }

  FillStep fillMessage(ServerFrame.Message message) {
    SeqRange gap = gaps.peekFirst();
    if (gap == null || message.seq() < fillNext || message.seq() > gap.to()) {
      return new FillStep(false, Optional.empty());
    }
    // the server forgets the oldest messages first: once one of the gap came back, a later hole
    // holds messages withheld from this user, not lost ones
    Optional<SeqRange> lost =
        message.seq() > fillNext && !gapReached
            ? Optional.of(new SeqRange(fillNext, message.seq() - 1))
            : Optional.empty();
    fillNext = message.seq() + 1;
    fillProgressed = true;
    gapReached = true;
    return new FillStep(true, lost);
  }

  /** The fill request's {@code history_end} came: what of the gap is lost for good, if any. */
  Optional<SeqRange> fillEnded() {
    fillId = null;
    SeqRange gap = gaps.pollFirst();
    if (gap == null || fillNext > gap.to()) {
      gapReached = false;
      return Optional.empty();
    }
    if (!fillProgressed) {
      boolean reached = gapReached;
      gapReached = false;
      // nothing (more) of the range came back: no longer kept, or withheld after what came
      return reached ? Optional.empty() : Optional.of(new SeqRange(fillNext, gap.to()));
    }
    gaps.addFirst(new SeqRange(fillNext, gap.to()));
    return Optional.empty();
  }

  void fillRefused() {
    fillId = null;
    gapReached = false;
    gaps.clear();
  }

  /** The connection is gone: what was in flight on it will never be answered. */
  void linkLost() {
    joinedOnLink = false;
    replayLeft = 0;
    if (fillId != null && fillProgressed) {
      SeqRange gap = gaps.pollFirst();
      if (gap != null && fillNext <= gap.to()) {
        gaps.addFirst(new SeqRange(fillNext, gap.to()));
      }
    }
    fillId = null;
  }
}
