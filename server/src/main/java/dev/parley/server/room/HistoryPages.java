package dev.parley.server.room;

import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.SharedFile;
import dev.parley.server.settings.RoomSettings;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a room hands out of its history: the replay of a member who joins, with the gap of what it
 * missed beyond it, and the pages that {@code history} asks for, each within {@code
 * max-history-page-bytes}.
 */
final class HistoryPages {

  private final RoomSettings settings;
  private final String roomName;

  HistoryPages(RoomSettings settings, String roomName) {
    this.settings = settings;
    this.roomName = roomName;
  }

  /** The replay of {@code join}, as sent again from the history and answering its frame. */
  List<ServerFrame.Message> replayOf(RoomState state, Room.Join join) {
    return withinPageBytes(latestFor(state, join), false).stream()
        .map(message -> replayed(message, join.re()))
        .toList();
  }

  /** The messages after {@code afterSeq} kept but not in the replay, as a gap to fetch. */
  Optional<ServerFrame.Gap> missedBeyond(
      RoomState state, Room.Join join, List<ServerFrame.Message> replay) {
    if (join.afterSeq() == null || join.afterSeq() >= state.nextSeq()) {
      return Optional.empty();
    }
    long firstReplayed = replay.isEmpty() ? state.nextSeq() : replay.get(0).seq();
    long from = Math.max(join.afterSeq() + 1, state.history().firstKeptSeq());
    return from < firstReplayed
        ? Optional.of(new ServerFrame.Gap(roomName, from, firstReplayed - 1))
        : Optional.empty();
  }

  /** The page {@code request} asks for, as sent again from the history and answering it. */
  List<ServerFrame.Message> pageOf(RoomState state, Room.GetHistory request) {
    History history = state.history();
    List<ServerFrame.Message> page;
    Set<String> withheld = request.withheldSenders();
    if (request.beforeSeq() != null) {
      page = history.before(request.beforeSeq(), request.limit(), withheld);
    } else if (request.afterSeq() != null) {
      page = history.after(request.afterSeq(), request.limit(), withheld);
    } else {
      page = history.latest(request.limit(), withheld);
    }
    return withinPageBytes(page, request.afterSeq() != null).stream()
        .map(message -> replayed(message, request.re()))
        .toList();
  }

  /**
   * The latest messages, or with {@code afterSeq} the latest of those after it; a seq this room
   * never had (the client saw a room of that name before the server forgot it) counts as none.
   */
  private List<ServerFrame.Message> latestFor(RoomState state, Room.Join join) {
    return join.afterSeq() == null || join.afterSeq() >= state.nextSeq()
        ? state.history().latest(settings.replaySize(), join.withheldSenders())
        : state
            .history()
            .latestAfter(join.afterSeq(), settings.replaySize(), join.withheldSenders());
  }

  /**
   * The part of {@code page} that stays within {@code max-history-page-bytes}, at least one
   * message: its oldest messages when {@code fromOldest} (a page after a {@code seq}), else its
   * latest, so that the next page goes on from where this one ends.
   */
  private List<ServerFrame.Message> withinPageBytes(
      List<ServerFrame.Message> page, boolean fromOldest) {
    long bytes = 0;
    int kept = 0;
    while (kept < page.size()) {
      var message = page.get(fromOldest ? kept : page.size() - 1 - kept);
      bytes += mostBytesOnTheWire(message);
      if (kept > 0 && bytes > settings.maxHistoryPageBytes()) {
        break;
      }
      kept++;
    }
    return fromOldest ? page.subList(0, kept) : page.subList(page.size() - kept, page.size());
  }

  // three bytes a UTF-16 unit is the most UTF-8 and JSON's escapes of allowed text take; the rest
  // is the frame's keys, room, nick, seq, ts and re
  private static long mostBytesOnTheWire(ServerFrame.Message message) {
    SharedFile file = message.file();
    long fileBytes =
        file == null
            ? 0
            : 3L * (file.name().length() + file.url().length() + file.contentType().length()) + 256;
    return 3L * (message.text().length() + message.from().length()) + 256 + fileBytes;
  }

  /**
   * The message as sent again from the history, answering {@code re}; a file that expired is told
   * as such.
   */
  private static ServerFrame.Message replayed(ServerFrame.Message message, FrameId re) {
    SharedFile file = message.file();
    return new ServerFrame.Message(
        re,
        message.room(),
        message.seq(),
        message.from(),
        message.text(),
        message.ts(),
        true,
        message.notice(),
        file == null || !file.hasExpired(Instant.now()) ? file : file.asExpired());
  }
}
