package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code rooms} comes in pages, each within a bound in bytes, and topics have one of their own. */
@ExtendWith(LogCapturingExtension.class)
class RoomListE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-fast-flood");

  /** Every room, page after page of {@code limit} (or the server's own when null). */
  private static List<ServerFrame.RoomSummary> allPages(RawClient client, Integer limit) {
    var rooms = new ArrayList<ServerFrame.RoomSummary>();
    String after = null;
    int pages = 0;
    do {
      if (after == null && limit == null) {
        client.sendFrame("rooms", "id", pages);
      } else if (after == null) {
        client.sendFrame("rooms", "id", pages, "limit", limit);
      } else if (limit == null) {
        client.sendFrame("rooms", "id", pages, "after", after);
      } else {
        client.sendFrame("rooms", "id", pages, "after", after, "limit", limit);
      }
      var page = client.expect(ServerFrame.RoomList.class);
      assertEquals(FrameId.of(pages), page.re());
      if (limit != null) {
        assertTrue(page.rooms().size() <= limit, client.lastLine());
      }
      rooms.addAll(page.rooms());
      after = page.next();
      pages++;
    } while (after != null);
    return rooms;
  }

  @Test
  void pagesListEveryRoomOnceInOrder() {
    try (var client = RawClient.login(server.address(), Names.nick("lister"))) {
      for (int i = 0; i < 7; i++) {
        client.sendFrame("create", "room", Names.room("paged"));
        client.expect(ServerFrame.Joined.class);
      }
      var everything = allPages(client, null);
      var paged = allPages(client, 3);
      assertEquals(everything, paged);
      var names = paged.stream().map(room -> ProtocolRules.canonical(room.room())).toList();
      assertEquals(names.stream().sorted().distinct().toList(), names);
    }
  }

  @Test
  void aListOfManyLongTopicsComesInPagesAndCutsNobodyOff() {
    int maxTopicBytes = server.settings().protocol().maxTopicBytes();
    String topic = "t".repeat(maxTopicBytes);
    try (var creator = RawClient.login(server.address(), Names.nick("creator"));
        var lister = RawClient.login(server.address(), Names.nick("lister"))) {
      for (int i = 0; i < 300; i++) {
        creator.sendFrame("create", "room", Names.room("long"), "topic", topic);
        creator.expect(ServerFrame.Joined.class);
      }
      lister.sendFrame("rooms", "id", "first");
      var first = lister.expect(ServerFrame.RoomList.class);
      assertTrue(first.next() != null, "300 rooms of 1 KiB topics are more than one page");
      assertTrue(
          lister.lastLine().length() <= server.settings().rooms().maxHistoryPageBytes() + 2048,
          "a page stays within its bound: " + lister.lastLine().length());
      var all = allPages(lister, null);
      assertTrue(all.size() >= 301, "every room: " + all.size());
      lister.sendFrame("ping", "id", "still");
      lister.expectPong(FrameId.of("still"));
    }
  }

  @Test
  void aTopicLongerInBytesThanTheBoundIsRefused() {
    int maxTopicBytes = server.settings().protocol().maxTopicBytes();
    // fewer chars than max-text-chars, more bytes than max-topic-bytes
    String topic = "é".repeat(maxTopicBytes / 2 + 1);
    try (var client = RawClient.login(server.address(), Names.nick("topical"))) {
      String room = Names.room("topic");
      client.sendFrame("create", "id", 1, "room", room, "topic", topic);
      client.expectError(ErrorCode.TEXT_INVALID, FrameId.of(1));
      client.sendFrame("create", "id", 2, "room", room);
      client.expect(ServerFrame.Joined.class);
      client.sendFrame("topic", "id", 3, "room", room, "topic", topic);
      var error = client.expectError(ErrorCode.TEXT_INVALID, FrameId.of(3));
      assertTrue(error.message().contains(maxTopicBytes + " bytes"), error.message());
      client.sendFrame("rooms", "id", 4, "after", room);
      assertNull(
          client.expect(ServerFrame.RoomList.class).rooms().stream()
              .filter(summary -> summary.room().equals(room))
              .findAny()
              .orElse(null),
          "a page after a room does not hold it");
    }
  }
}
