package dev.parley.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.persistence.FailedWrite;
import dev.parley.server.persistence.InMemoryJournal;
import dev.parley.server.settings.RoomSettings;
import dev.parley.server.transcript.Transcript;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class RoomManagerTest {

  private static final String ADDRESS = "192.0.2.1";

  @JUnit5TestKit
  public ActorTestKit testKit =
      new JUnit5TestKitBuilder().withCustomConfig(InMemoryJournal.over("application-test")).build();

  private ActorRef<RoomManager.Command> manager(int maxRooms) {
    return manager(List.of("lobby"), maxRooms);
  }

  private ActorRef<RoomManager.Command> manager(List<String> autoJoin, int maxRooms) {
    var settings =
        new RoomSettings(
            autoJoin,
            100,
            Duration.ofDays(1),
            10,
            50,
            500,
            256 * 1024,
            maxRooms,
            3,
            Duration.ofHours(1),
            1000);
    return testKit.spawn(
        RoomManager.create(settings, 1000, Transcript.off(), ServerMetrics.chatOnly()));
  }

  private static ServerFrame.Error error(TestProbe<Room.Event> probe) {
    return assertInstanceOf(
        ServerFrame.Error.class, probe.expectMessageClass(Room.Answer.class).frames().get(0));
  }

  private static List<ServerFrame.RoomSummary> listRooms(
      ActorRef<RoomManager.Command> manager, TestProbe<Room.Event> probe) {
    manager.tell(new RoomManager.ListRooms(null, 500, 256 * 1024, FrameId.of(1), probe.getRef()));
    var answer = probe.expectMessageClass(Room.Answer.class);
    return assertInstanceOf(ServerFrame.RoomList.class, answer.frames().get(0)).rooms();
  }

  @Test
  void holdsTheAutoJoinRoomsFromTheStart() {
    var manager = manager(10);
    TestProbe<Room.Event> alice = testKit.createTestProbe();
    manager.tell(new RoomManager.Join("LOBBY", "alice", alice.getRef(), null, 0, Set.of(), null));
    assertEquals("lobby", alice.expectMessageClass(Room.Joined.class).roomName());
  }

  @Test
  void createsARoomAndJoinsItsCreator() {
    var manager = manager(10);
    TestProbe<Room.Event> alice = testKit.createTestProbe();
    manager.tell(
        new RoomManager.Create(
            "Dev", "code", "alice", ADDRESS, alice.getRef(), FrameId.of(2), 0, Set.of()));
    var joined = alice.expectMessageClass(Room.Joined.class);
    assertEquals(
        new ServerFrame.Joined(FrameId.of(2), "Dev", "code", List.of("alice"), 0), joined.frame());
  }

  @Test
  void refusesToCreateARoomThatExistsInAnyCase() {
    var manager = manager(10);
    TestProbe<Room.Event> alice = testKit.createTestProbe();
    manager.tell(
        new RoomManager.Create("Dev", null, "alice", ADDRESS, alice.getRef(), null, 0, Set.of()));
    alice.expectMessageClass(Room.Joined.class);
    manager.tell(
        new RoomManager.Create(
            "dEV", null, "alice", ADDRESS, alice.getRef(), FrameId.of(3), 0, Set.of()));
    var error = error(alice);
    assertEquals(ErrorCode.ROOM_EXISTS, error.code());
    assertEquals(FrameId.of(3), error.re());
  }

  @Test
  void refusesToCreateMoreRoomsThanItsLimit() {
    var manager = manager(2);
    TestProbe<Room.Event> alice = testKit.createTestProbe();
    manager.tell(
        new RoomManager.Create("one", null, "alice", ADDRESS, alice.getRef(), null, 0, Set.of()));
    alice.expectMessageClass(Room.Joined.class);
    manager.tell(
        new RoomManager.Create("two", null, "alice", ADDRESS, alice.getRef(), null, 0, Set.of()));
    assertEquals(ErrorCode.ROOM_LIMIT, error(alice).code());
  }

  @Test
  void refusesAnAddressMoreRoomsThanItMayCreateWithinTheWindow() {
    var manager = manager(10);
    TestProbe<Room.Event> alice = testKit.createTestProbe();
    for (String room : List.of("one", "two", "three")) {
      manager.tell(
          new RoomManager.Create(room, null, "alice", ADDRESS, alice.getRef(), null, 0, Set.of()));
      alice.expectMessageClass(Room.Joined.class);
    }

    manager.tell(
        new RoomManager.Create(
            "four", null, "bob", ADDRESS, alice.getRef(), FrameId.of(4), 0, Set.of()));
    var error = error(alice);
    assertEquals(ErrorCode.ROOM_LIMIT, error.code());
    assertTrue(error.message().contains("try again in 60 min"), error.message());
    manager.tell(
        new RoomManager.Create(
            "four", null, "carol", "192.0.2.2", alice.getRef(), null, 0, Set.of()));
    alice.expectMessageClass(Room.Joined.class);
  }

  @Test
  void answersNoSuchRoomToJoinAndWho() {
    var manager = manager(10);
    TestProbe<Room.Event> alice = testKit.createTestProbe();
    manager.tell(
        new RoomManager.Join("nowhere", "alice", alice.getRef(), FrameId.of(4), 0, Set.of(), null));
    assertEquals(ErrorCode.NO_SUCH_ROOM, error(alice).code());
    manager.tell(new RoomManager.Who("nowhere", FrameId.of(5), alice.getRef()));
    assertEquals(ErrorCode.NO_SUCH_ROOM, error(alice).code());
  }

  @Test
  void listsRoomsByNameWithTheirMembersAndTopic() {
    var manager = manager(10);
    TestProbe<Room.Event> alice = testKit.createTestProbe();
    manager.tell(
        new RoomManager.Create("Zed", "last", "alice", ADDRESS, alice.getRef(), null, 0, Set.of()));
    alice.expectMessageClass(Room.Joined.class);
    manager.tell(
        new RoomManager.Create("alpha", null, "alice", ADDRESS, alice.getRef(), null, 0, Set.of()));
    alice.expectMessageClass(Room.Joined.class);
    manager.tell(new RoomManager.Who("alpha", null, alice.getRef()));
    alice.expectMessageClass(Room.Answer.class);
    assertEquals(
        List.of(
            new ServerFrame.RoomSummary("alpha", 1, null),
            new ServerFrame.RoomSummary("lobby", 0, null),
            new ServerFrame.RoomSummary("Zed", 1, "last")),
        listRooms(manager, alice));
  }

  @Test
  void startsTheRoomsCreatedBeforeWithTheirLatestTopics() {
    var manager = manager(10);
    TestProbe<Room.Event> alice = testKit.createTestProbe();
    manager.tell(
        new RoomManager.Create("Dev", "code", "alice", ADDRESS, alice.getRef(), null, 0, Set.of()));
    var joined = alice.expectMessageClass(Room.Joined.class);
    joined.room().tell(new Room.ChangeTopic("alice", "builds", null, alice.getRef()));
    alice.expectMessageClass(Room.Answer.class);
    testKit.stop(manager);

    var again = manager(10);
    TestProbe<Room.Event> bob = testKit.createTestProbe();
    assertEquals(
        List.of(
            new ServerFrame.RoomSummary("Dev", 0, "builds"),
            new ServerFrame.RoomSummary("lobby", 0, null)),
        listRooms(again, bob));
  }

  @ParameterizedTest
  @EnumSource(FailedWrite.class)
  void keepsItsRoomsAndCreatesTheRoomOnceWhenItsWriteFails(FailedWrite failure) {
    var journal = PersistenceTestKit.create(testKit.system());
    var manager = manager(10);
    TestProbe<Room.Event> alice = testKit.createTestProbe();
    manager.tell(new RoomManager.Join("lobby", "alice", alice.getRef(), null, 0, Set.of(), null));
    alice.expectMessageClass(Room.Joined.class);

    failure.next(journal);
    manager.tell(
        new RoomManager.Create(
            "Dev", null, "alice", ADDRESS, alice.getRef(), FrameId.of(1), 0, Set.of()));
    TestProbe<Room.Event> bob = testKit.createTestProbe();
    manager.tell(new RoomManager.Join("lobby", "bob", bob.getRef(), null, 0, Set.of(), null));
    assertEquals(
        List.of("alice", "bob"), bob.expectMessageClass(Room.Joined.class).frame().members());

    // the creation is answered, or tried again, once the manager read the store again; bob's
    // arrival in the lobby may reach alice before it
    Room.Joined created = null;
    while (created == null) {
      if (alice.receiveMessage() instanceof Room.Joined joined) {
        created = joined;
      }
    }
    assertEquals("Dev", created.roomName());
    assertEquals(FrameId.of(1), created.frame().re());
    manager.tell(
        new RoomManager.Create(
            "Dev", null, "bob", ADDRESS, bob.getRef(), FrameId.of(2), 0, Set.of()));
    var exists = bob.expectMessageClass(Room.Answer.class).frames().get(0);
    assertEquals(ErrorCode.ROOM_EXISTS, assertInstanceOf(ServerFrame.Error.class, exists).code());
    assertEquals(1, journal.persistedInStorage("rooms").size());
  }

  @Test
  void createsTheFirstRoomOnceWhenItsWriteFailedAfterItWasStored() {
    var journal = PersistenceTestKit.create(testKit.system());
    var manager = manager(List.of(), 10);
    TestProbe<Room.Event> alice = testKit.createTestProbe();

    // no room runs when the manager reads the store again: it starts the one stored, once
    FailedWrite.STORED.next(journal);
    manager.tell(
        new RoomManager.Create(
            "Dev", "first", "alice", ADDRESS, alice.getRef(), FrameId.of(1), 0, Set.of()));

    var created = alice.expectMessageClass(Room.Joined.class);
    assertEquals(FrameId.of(1), created.frame().re());
    assertEquals("first", created.frame().topic());
    alice.expectNoMessage(Duration.ofMillis(300));
    assertEquals(
        List.of(new ServerFrame.RoomSummary("Dev", 1, "first")), listRooms(manager, alice));
  }
}
