package dev.parley.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.persistence.FailedWrite;
import dev.parley.server.persistence.InMemoryJournal;
import dev.parley.server.session.JsonDialect;
import dev.parley.server.settings.RoomSettings;
import dev.parley.server.transcript.Transcript;
import dev.parley.server.wire.SharedFrames;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
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
class RoomTest {

  @JUnit5TestKit
  public ActorTestKit testKit =
      new JUnit5TestKitBuilder().withCustomConfig(InMemoryJournal.over("application-test")).build();

  private final FrameCodec codec = new FrameCodec();
  private final RoomSettings settings =
      new RoomSettings(
          List.of("lobby"),
          5,
          Duration.ofDays(1),
          3,
          50,
          500,
          256 * 1024,
          100,
          100,
          Duration.ofHours(1),
          1000);
  private final TestProbe<RoomManager.Command> manager = testKit.createTestProbe();

  private ActorRef<Room.Command> room(String topic) {
    return testKit.spawn(
        Room.create(
            settings,
            1000,
            Transcript.off(),
            ServerMetrics.chatOnly(),
            "Dev",
            topic,
            manager.getRef()));
  }

  private TestProbe<Room.Event> join(ActorRef<Room.Command> room, String nick) {
    return join(room, nick, 0);
  }

  /** A member of the {@code login}-th login of {@code nick}. */
  private TestProbe<Room.Event> join(ActorRef<Room.Command> room, String nick, long login) {
    TestProbe<Room.Event> member = testKit.createTestProbe();
    room.tell(new Room.Join(nick, member.getRef(), null, login, Set.of()));
    member.expectMessageClass(Room.Joined.class);
    return member;
  }

  private static ServerFrame decode(SharedFrames told) {
    assertEquals(1, told.frames().size(), told.toString());
    return told.frames().get(0);
  }

  /** The next {@code count} events a member is told, however the room batched them. */
  private List<ServerFrame> events(TestProbe<Room.Event> member, int count) {
    var events = new ArrayList<ServerFrame>();
    while (events.size() < count) {
      events.addAll(member.expectMessageClass(Room.Broadcast.class).frames().frames());
    }
    assertEquals(count, events.size(), events.toString());
    return events;
  }

  private Room.PostedMessage post(
      ActorRef<Room.Command> room,
      TestProbe<Room.Event> poster,
      String nick,
      String text,
      TestProbe<Room.Event> listener) {
    room.tell(new Room.Post(nick, text, null, poster.getRef()));
    echo(poster);
    return posted(listener);
  }

  /** A member's echo: its own message in the batch of the room, as its session answers with it. */
  private ServerFrame.Message echo(TestProbe<Room.Event> poster) {
    var own = posted(poster);
    assertEquals(poster.getRef(), own.poster());
    String answer = new JsonDialect(codec).encodeOwn(own.frame(), own.re()).utf8String();
    return assertInstanceOf(
        ServerFrame.Message.class, codec.decodeServerFrame(answer.stripTrailing()));
  }

  /** The error that the room's next answer to a member is. */
  private static ServerFrame.Error refusal(TestProbe<Room.Event> member) {
    return assertInstanceOf(
        ServerFrame.Error.class, member.expectMessageClass(Room.Answer.class).frames().get(0));
  }

  /** The one message of the next batch a member is told. */
  private Room.PostedMessage posted(TestProbe<Room.Event> member) {
    var messages = member.expectMessageClass(Room.MessagesPosted.class).messages();
    assertEquals(1, messages.size());
    return messages.get(0);
  }

  @Test
  void answersAJoinWithTheTopicTheMembersAndNoReplayWhenEmpty() {
    var room = room("code talk");
    TestProbe<Room.Event> alice = testKit.createTestProbe();
    room.tell(new Room.Join("alice", alice.getRef(), FrameId.of(7), 0, Set.of()));
    var joined = alice.expectMessageClass(Room.Joined.class);
    assertEquals(
        new ServerFrame.Joined(FrameId.of(7), "Dev", "code talk", List.of("alice"), 0),
        joined.frame());
    assertEquals(List.of(), joined.replay());
  }

  @Test
  void tellsTheMembersWhoJoinedAndReportsTheNewCount() {
    var room = room(null);
    var alice = join(room, "alice");
    join(room, "bob");
    var event = assertInstanceOf(ServerFrame.MemberJoined.class, events(alice, 1).get(0));
    assertEquals("bob", event.nick());
    assertEquals("Dev", event.room());
    // what the room read from the store, before anyone joined
    manager.expectMessage(
        new RoomManager.RoomChanged("dev", new ServerFrame.RoomSummary("Dev", 0, null)));
    manager.expectMessage(
        new RoomManager.RoomChanged("dev", new ServerFrame.RoomSummary("Dev", 1, null)));
    manager.expectMessage(
        new RoomManager.RoomChanged("dev", new ServerFrame.RoomSummary("Dev", 2, null)));
  }

  @Test
  void givesEveryMemberTheSameBytesOfAMessageAndThePosterItsEchoWithRe() {
    var room = room(null);
    var alice = join(room, "alice");
    var bob = join(room, "bob");
    var carol = join(room, "carol");
    events(alice, 2);
    events(bob, 1);

    room.tell(new Room.Post("alice", "hello", FrameId.of("m1"), alice.getRef()));

    var echo = echo(alice);
    assertEquals(FrameId.of("m1"), echo.re());
    assertEquals(1, echo.seq());
    var toBob = bob.expectMessageClass(Room.MessagesPosted.class);
    var toCarol = carol.expectMessageClass(Room.MessagesPosted.class);
    assertTrue(toBob == toCarol, "the batch is made once for all members");
    var message =
        assertInstanceOf(ServerFrame.Message.class, decode(toBob.messages().get(0).frame()));
    assertNull(message.re());
    assertEquals(echo.ts(), message.ts());
    assertEquals(
        new Room.MessagesPosted(
            "Dev",
            List.of(
                new Room.PostedMessage(
                    1,
                    "alice",
                    toBob.messages().get(0).frame(),
                    alice.getRef(),
                    FrameId.of("m1")))),
        toBob);
  }

  @Test
  void numbersMessagesOneByOne() {
    var room = room(null);
    var alice = join(room, "alice");
    var bob = join(room, "bob");
    events(alice, 1);
    assertEquals(1, post(room, alice, "alice", "one", bob).seq());
    assertEquals(2, post(room, bob, "bob", "two", alice).seq());
    assertEquals(3, post(room, alice, "alice", "three", bob).seq());
  }

  @Test
  void replaysTheLatestMessagesToANewMember() {
    var room = room(null);
    var alice = join(room, "alice");
    for (int i = 1; i <= 4; i++) {
      room.tell(new Room.Post("alice", "m" + i, null, alice.getRef()));
      echo(alice);
    }
    TestProbe<Room.Event> bob = testKit.createTestProbe();
    room.tell(new Room.Join("bob", bob.getRef(), FrameId.of(1), 0, Set.of()));
    var joined = bob.expectMessageClass(Room.Joined.class);
    assertEquals(3, joined.frame().replay());
    assertEquals(
        List.of(2L, 3L, 4L), joined.replay().stream().map(ServerFrame.Message::seq).toList());
    assertTrue(
        joined.replay().stream()
            .allMatch(m -> Boolean.TRUE.equals(m.replay()) && FrameId.of(1).equals(m.re())));
  }

  @Test
  void fillsAReplayWithTheMessagesOfSendersTheNewMemberDoesNotBlock() {
    var room = room(null);
    var alice = join(room, "alice");
    var carol = join(room, "carol");
    events(alice, 1);
    for (int i = 0; i < 2; i++) {
      post(room, alice, "alice", "from alice", carol);
    }
    for (int i = 0; i < 3; i++) {
      post(room, carol, "carol", "from carol", alice);
    }
    TestProbe<Room.Event> bob = testKit.createTestProbe();
    room.tell(new Room.Join("bob", bob.getRef(), null, 0, Set.of("carol")));
    var joined = bob.expectMessageClass(Room.Joined.class);
    assertEquals(2, joined.frame().replay());
    assertEquals(List.of(1L, 2L), joined.replay().stream().map(ServerFrame.Message::seq).toList());
  }

  @Test
  void answersAJoinOfAMemberAgainWithoutReplayOrAnnouncement() {
    var room = room(null);
    var alice = join(room, "alice");
    var bob = join(room, "bob");
    events(alice, 1);
    room.tell(new Room.Post("alice", "hi", null, alice.getRef()));
    echo(alice);
    posted(bob);

    room.tell(new Room.Join("BOB", bob.getRef(), null, 0, Set.of()));

    var joined = bob.expectMessageClass(Room.Joined.class);
    assertEquals(0, joined.frame().replay());
    assertEquals(List.of("alice", "bob"), joined.frame().members());
    alice.expectNoMessage();
  }

  @Test
  void tellsEachMemberTheJoinsOfABurstInOneMessageOnlyThoseAfterItsOwn() {
    var room = room(null);
    var first = join(room, "m0");
    var probes = new ArrayList<TestProbe<Room.Event>>();
    for (int i = 1; i <= 20; i++) {
      TestProbe<Room.Event> member = testKit.createTestProbe();
      room.tell(new Room.Join("m" + i, member.getRef(), null, 0, Set.of()));
      probes.add(member);
    }
    for (var member : probes) {
      member.expectMessageClass(Room.Joined.class);
    }

    var toFirst = new ArrayList<ServerFrame>();
    int messages = 0;
    while (toFirst.size() < 20) {
      toFirst.addAll(first.expectMessageClass(Room.Broadcast.class).frames().frames());
      messages++;
    }
    assertEquals(
        IntStream.rangeClosed(1, 20).mapToObj(i -> "m" + i).toList(),
        toFirst.stream().map(event -> ((ServerFrame.MemberJoined) event).nick()).toList());
    assertTrue(messages < 20, "joins that came together are told together: " + messages);
    var last = probes.get(19);
    last.expectNoMessage(Duration.ofMillis(100));
    assertEquals(
        IntStream.rangeClosed(11, 20).mapToObj(i -> "m" + i).toList(),
        events(probes.get(9), 10).stream()
            .map(event -> ((ServerFrame.MemberJoined) event).nick())
            .toList());
  }

  @Test
  void tellsTheOthersWhoLeftAndWhy() {
    var room = room(null);
    var alice = join(room, "alice");
    var bob = join(room, "bob");
    events(alice, 1);
    room.tell(Room.Leave.departing("bob", bob.getRef(), DepartureReason.QUIT));
    var left = assertInstanceOf(ServerFrame.MemberLeft.class, events(alice, 1).get(0));
    assertEquals("bob", left.nick());
    assertEquals(DepartureReason.QUIT, left.reason());
    bob.expectNoMessage();
  }

  @Test
  void tellsTheOthersTheWordsOfAQuit() {
    var room = room(null);
    var alice = join(room, "alice");
    var bob = join(room, "bob");
    events(alice, 1);
    room.tell(Room.Leave.departing("bob", bob.getRef(), DepartureReason.QUIT, "gone fishing"));
    var left = assertInstanceOf(ServerFrame.MemberLeft.class, events(alice, 1).get(0));
    assertEquals(DepartureReason.QUIT, left.reason());
    assertEquals("gone fishing", left.text());
    assertNull(left.by());
  }

  @Test
  void kicksAMemberOutTellingItAndTheOthersWhoAndWhy() {
    var room = room(null);
    var alice = join(room, "alice");
    var bob = join(room, "bob");
    var carol = join(room, "carol");
    events(alice, 2);
    events(bob, 1);

    room.tell(new Room.Kick("alice", "BOB", "spamming", FrameId.of(9), alice.getRef()));

    var kicked = bob.expectMessageClass(Room.Kicked.class).frame();
    assertEquals("Dev", kicked.room());
    assertEquals("alice", kicked.by());
    assertEquals("spamming", kicked.text());
    assertEquals(
        new ServerFrame.Ok(FrameId.of(9)),
        alice.expectMessageClass(Room.Answer.class).frames().get(0));
    for (var member : List.of(alice, carol)) {
      var left = assertInstanceOf(ServerFrame.MemberLeft.class, events(member, 1).get(0));
      assertEquals(
          new ServerFrame.MemberLeft(
              "Dev", "bob", DepartureReason.KICKED, "alice", "spamming", left.ts()),
          left);
    }
    bob.expectNoMessage(Duration.ofMillis(50));
    room.tell(new Room.GetMembers(null, carol.getRef()));
    var members =
        assertInstanceOf(
            ServerFrame.Members.class, carol.expectMessageClass(Room.Answer.class).frames().get(0));
    assertEquals(List.of("alice", "carol"), members.members());
  }

  @Test
  void refusesAKickBySomeoneNotInTheRoom() {
    var room = room(null);
    var bob = join(room, "bob");
    TestProbe<Room.Event> mallory = testKit.createTestProbe();
    room.tell(new Room.Kick("mallory", "bob", null, FrameId.of(3), mallory.getRef()));
    assertEquals(ErrorCode.NOT_IN_ROOM, refusal(mallory).code());
    bob.expectNoMessage();
  }

  @Test
  void refusesTheKickOfSomeoneNotInTheRoom() {
    var room = room(null);
    var alice = join(room, "alice");
    room.tell(new Room.Kick("alice", "bob", null, FrameId.of(4), alice.getRef()));
    var error = refusal(alice);
    assertEquals(ErrorCode.NO_SUCH_USER, error.code());
    assertEquals("bob is not in room Dev", error.message());
  }

  @Test
  void storesWhatAKickedMemberPostedBeforeTheKickAndTellsItFirst() {
    var journal = PersistenceTestKit.create(testKit.system());
    var room = room(null);
    var alice = join(room, "alice");
    var bob = join(room, "bob");
    events(alice, 1);

    journal.failNextPersisted();
    room.tell(new Room.Post("bob", "last words", FrameId.of(5), bob.getRef()));
    room.tell(new Room.Kick("alice", "bob", null, FrameId.of(6), alice.getRef()));

    var echo = posted(bob);
    assertEquals(FrameId.of(5), echo.re());
    bob.expectMessageClass(Room.Kicked.class);
    assertEquals(bob.getRef(), posted(alice).poster());
    alice.expectMessageClass(Room.Answer.class);
    var left = assertInstanceOf(ServerFrame.MemberLeft.class, events(alice, 1).get(0));
    assertEquals("bob", left.nick());
  }

  @Test
  void seesAStoppedMemberAsDisconnected() {
    var room = room(null);
    var alice = join(room, "alice");
    var bob = join(room, "bob");
    events(alice, 1);
    bob.stop();
    var left = assertInstanceOf(ServerFrame.MemberLeft.class, events(alice, 1).get(0));
    assertEquals(DepartureReason.DISCONNECTED, left.reason());
  }

  @Test
  void refusesAPostOfSomeoneNotInTheRoom() {
    var room = room(null);
    var alice = join(room, "alice");
    TestProbe<Room.Event> mallory = testKit.createTestProbe();
    room.tell(new Room.Post("mallory", "psst", FrameId.of(3), mallory.getRef()));
    var error =
        assertInstanceOf(
            ServerFrame.Error.class, mallory.expectMessageClass(Room.Answer.class).frames().get(0));
    assertEquals(ErrorCode.NOT_IN_ROOM, error.code());
    assertEquals(FrameId.of(3), error.re());
    alice.expectNoMessage();
  }

  @Test
  void changesTheTopicForAllWithReOnlyForTheSetter() {
    var room = room("old");
    var alice = join(room, "alice");
    var bob = join(room, "bob");
    events(alice, 1);
    room.tell(new Room.ChangeTopic("bob", "new", FrameId.of(9), bob.getRef()));
    var echo =
        assertInstanceOf(
            ServerFrame.Topic.class, bob.expectMessageClass(Room.Answer.class).frames().get(0));
    assertEquals(FrameId.of(9), echo.re());
    var event = assertInstanceOf(ServerFrame.Topic.class, events(alice, 1).get(0));
    assertEquals(new ServerFrame.Topic(null, "Dev", "new", "bob", echo.ts()), event);
  }

  @ParameterizedTest
  @EnumSource(FailedWrite.class)
  void setsATopicWhoseWriteFailedOnceTheRoomReadTheStoreAgain(FailedWrite failure) {
    var journal = PersistenceTestKit.create(testKit.system());
    String id = Room.persistenceIdOf("Dev").id();
    var room = room("old");
    var alice = join(room, "alice");
    var bob = join(room, "bob");
    events(alice, 1);

    failure.next(journal);
    room.tell(new Room.ChangeTopic("bob", "new", FrameId.of(9), bob.getRef()));

    // the room reads the store again, after a pause of at least 200 ms, and sets it then
    bob.expectNoMessage(Duration.ofMillis(100));
    var echo =
        assertInstanceOf(
            ServerFrame.Topic.class, bob.expectMessageClass(Room.Answer.class).frames().get(0));
    assertEquals(new ServerFrame.Topic(FrameId.of(9), "Dev", "new", "bob", echo.ts()), echo);
    var event = assertInstanceOf(ServerFrame.Topic.class, events(alice, 1).get(0));
    assertEquals("new", event.topic());
    TestProbe<Room.Event> carol = testKit.createTestProbe();
    room.tell(new Room.Join("carol", carol.getRef(), null, 0, Set.of()));
    assertEquals("new", carol.expectMessageClass(Room.Joined.class).frame().topic());
    assertEquals(
        1,
        journal.persistedInStorage(id).stream()
            .filter(RoomEvent.TopicSet.class::isInstance)
            .count());
  }

  @Test
  void listsItsMembersInJoinOrder() {
    var room = room(null);
    join(room, "bob");
    join(room, "alice");
    TestProbe<Room.Event> asker = testKit.createTestProbe();
    room.tell(new Room.GetMembers(FrameId.of(1), asker.getRef()));
    asker.expectMessage(
        Room.Answer.of(new ServerFrame.Members(FrameId.of(1), "Dev", List.of("bob", "alice"))));
  }

  @Test
  void tellsTheOthersOfAnAwayOnceAndListsItsMemberAsAway() {
    var room = room(null);
    var alice = join(room, "alice");
    var bob = join(room, "bob");
    events(alice, 1);

    room.tell(new Room.SetAway("bob", bob.getRef(), "lunch"));
    room.tell(new Room.SetAway("bob", bob.getRef(), "lunch"));
    var away = assertInstanceOf(ServerFrame.MemberAway.class, events(alice, 1).get(0));
    assertEquals(List.of("bob", "lunch"), List.of(away.nick(), away.away()));
    room.tell(new Room.GetMembers(FrameId.of(1), alice.getRef()));
    alice.expectMessage(
        Room.Answer.of(
            new ServerFrame.Members(
                FrameId.of(1), "Dev", List.of("alice", "bob"), List.of("bob"))));

    room.tell(new Room.SetAway("bob", bob.getRef(), null));
    assertNull(assertInstanceOf(ServerFrame.MemberAway.class, events(alice, 1).get(0)).away());
    bob.expectNoMessage(Duration.ofMillis(50));
  }

  @Test
  void leavesTheAwayOfANickToItsCurrentSession() {
    var room = room(null);
    var alice = join(room, "alice");
    TestProbe<Room.Event> formerBob = testKit.createTestProbe();

    room.tell(new Room.SetAway("bob", formerBob.getRef(), "gone"));
    room.tell(new Room.GetMembers(FrameId.of(1), alice.getRef()));

    alice.expectMessage(
        Room.Answer.of(new ServerFrame.Members(FrameId.of(1), "Dev", List.of("alice"))));
  }

  @Test
  void answersHistoryWithReplayedMessagesThenItsEnd() {
    var room = room(null);
    var alice = join(room, "alice");
    for (int i = 1; i <= 6; i++) {
      room.tell(new Room.Post("alice", "m" + i, null, alice.getRef()));
      echo(alice);
    }
    room.tell(new Room.GetHistory(5L, null, 2, Set.of(), FrameId.of("h"), alice.getRef()));
    var frames = alice.expectMessageClass(Room.Answer.class).frames();
    assertEquals(3, frames.size());
    var first = assertInstanceOf(ServerFrame.Message.class, frames.get(0));
    var second = assertInstanceOf(ServerFrame.Message.class, frames.get(1));
    assertEquals(List.of(3L, 4L), List.of(first.seq(), second.seq()));
    assertEquals(Boolean.TRUE, first.replay());
    assertEquals(new ServerFrame.HistoryEnd(FrameId.of("h"), "Dev", 2), frames.get(2));
  }

  @Test
  void letsANewSessionOfANickReplaceOneThatHasNotLeftYet() {
    var room = room(null);
    TestProbe<Room.Event> oldAlice = testKit.createTestProbe();
    room.tell(new Room.Join("alice", oldAlice.getRef(), null, 0, Set.of()));
    oldAlice.expectMessageClass(Room.Joined.class);
    var bob = join(room, "bob");
    events(oldAlice, 1);
    TestProbe<Room.Event> newAlice = testKit.createTestProbe();
    room.tell(new Room.Join("alice", newAlice.getRef(), null, 0, Set.of()));
    newAlice.expectMessageClass(Room.Joined.class);
    var events = events(bob, 2);
    var left = assertInstanceOf(ServerFrame.MemberLeft.class, events.get(0));
    assertEquals(DepartureReason.DISCONNECTED, left.reason());
    assertInstanceOf(ServerFrame.MemberJoined.class, events.get(1));

    room.tell(new Room.Post("bob", "hello", null, bob.getRef()));
    echo(bob);
    posted(newAlice);
    oldAlice.expectNoMessage();
  }

  @Test
  void keepsANoticeANoticeInItsBatchItsEchoAndItsHistoryAfterAStart() {
    var room = room(null);
    var alice = join(room, "alice");
    room.tell(new Room.Post("alice", "heads up", null, alice.getRef(), true));
    assertEquals(true, echo(alice).notice());
    room.tell(new Room.Post("alice", "plain", null, alice.getRef()));
    assertEquals(null, echo(alice).notice());
    testKit.stop(room);

    var again = room(null);
    TestProbe<Room.Event> bob = testKit.createTestProbe();
    again.tell(new Room.Join("bob", bob.getRef(), null, 0, Set.of()));
    var replay = bob.expectMessageClass(Room.Joined.class).replay();
    assertEquals(
        Arrays.asList(true, null), replay.stream().map(ServerFrame.Message::notice).toList());
  }

  @Test
  void startedAgainHasItsTopicHistoryAndNextSeqFromTheStore() {
    var room = room("first topic");
    var alice = join(room, "alice");
    room.tell(new Room.ChangeTopic("alice", "second topic", null, alice.getRef()));
    alice.expectMessageClass(Room.Answer.class);
    for (String text : List.of("one", "two")) {
      room.tell(new Room.Post("alice", text, null, alice.getRef()));
      echo(alice);
    }
    testKit.stop(room);

    var again = room("first topic");
    TestProbe<Room.Event> bob = testKit.createTestProbe();
    again.tell(new Room.Join("bob", bob.getRef(), null, 0, Set.of()));
    var joined = bob.expectMessageClass(Room.Joined.class);
    assertEquals("second topic", joined.frame().topic());
    assertEquals(List.of(1L, 2L), joined.replay().stream().map(ServerFrame.Message::seq).toList());
    assertEquals(
        List.of("one", "two"), joined.replay().stream().map(ServerFrame.Message::text).toList());
    again.tell(new Room.Post("bob", "three", null, bob.getRef()));
    assertEquals(3, echo(bob).seq());
  }

  @ParameterizedTest
  @EnumSource(FailedWrite.class)
  void storesAPostWhoseWriteFailedOnceAndOnlyThenTellsAnyone(FailedWrite failure) {
    var journal = PersistenceTestKit.create(testKit.system());
    String id = Room.persistenceIdOf("Dev").id();
    var room = room(null);
    var alice = join(room, "alice");
    var bob = join(room, "bob");
    events(alice, 1);
    for (String text : List.of("one", "two")) {
      post(room, bob, "bob", text, alice);
    }

    failure.next(journal);
    room.tell(new Room.Post("bob", "three", FrameId.of(3), bob.getRef()));

    // the room reads the store again, after a pause of at least 200 ms, before it stores again
    alice.expectNoMessage(Duration.ofMillis(100));
    bob.expectNoMessage(Duration.ofMillis(100));
    var echo = echo(bob);
    assertEquals(3, echo.seq());
    assertEquals(FrameId.of(3), echo.re());
    assertEquals(3, posted(alice).seq());
    assertEquals(4, post(room, bob, "bob", "four", alice).seq());
    alice.expectNoMessage(Duration.ofMillis(100));
    assertEquals(
        List.of(1L, 2L, 3L, 4L),
        journal.persistedInStorage(id).stream()
            .flatMap(event -> ((RoomEvent.PostedTogether) event).posts().stream())
            .map(RoomEvent.Posted::seq)
            .toList());

    TestProbe<Room.Event> carol = testKit.createTestProbe();
    room.tell(new Room.Join("carol", carol.getRef(), null, 0, Set.of()));
    var replay = carol.expectMessageClass(Room.Joined.class).replay();
    // the latest three
    assertEquals(List.of(2L, 3L, 4L), replay.stream().map(ServerFrame.Message::seq).toList());
    assertEquals(
        List.of("two", "three", "four"), replay.stream().map(ServerFrame.Message::text).toList());
  }

  @Test
  void tellsEveryMemberThePostsStoredTogetherInOneBatchInSeqOrder() {
    var room = room(null);
    var alice = join(room, "alice");
    var bob = join(room, "bob");
    events(alice, 1);

    for (int i = 1; i <= 20; i++) {
      TestProbe<Room.Event> poster = i % 2 == 0 ? alice : bob;
      room.tell(
          new Room.Post(i % 2 == 0 ? "alice" : "bob", "m" + i, FrameId.of(i), poster.getRef()));
    }

    var toAlice = new ArrayList<Room.PostedMessage>();
    var toBob = new ArrayList<Room.PostedMessage>();
    int batches = 0;
    while (toAlice.size() < 20) {
      var batch = alice.expectMessageClass(Room.MessagesPosted.class);
      assertSame(batch, bob.expectMessageClass(Room.MessagesPosted.class));
      toAlice.addAll(batch.messages());
      toBob.addAll(batch.messages());
      batches++;
    }
    assertEquals(
        LongStream.rangeClosed(1, 20).boxed().toList(),
        toAlice.stream().map(Room.PostedMessage::seq).toList());
    assertTrue(batches < 20, "posts made while one was stored are stored and told together");
    for (Room.PostedMessage message : toAlice) {
      assertEquals(FrameId.of(message.seq()), message.re());
      assertEquals(message.seq() % 2 == 0 ? alice.getRef() : bob.getRef(), message.poster());
    }
    alice.expectNoMessage(Duration.ofMillis(50));
  }

  @Test
  void storesABacklogOfPostsInEventsOfAHundredMessagesAtMost() {
    var journal = PersistenceTestKit.create(testKit.system());
    String id = Room.persistenceIdOf("Dev").id();
    var room = room(null);
    var alice = join(room, "alice");

    // the failed write holds the room back for 200 ms: the posts meanwhile are stored together
    journal.failNextPersisted();
    for (int i = 1; i <= 250; i++) {
      room.tell(new Room.Post("alice", "m" + i, FrameId.of(i), alice.getRef()));
    }
    int told = 0;
    while (told < 250) {
      told += alice.expectMessageClass(Room.MessagesPosted.class).messages().size();
    }

    var stored =
        journal.persistedInStorage(id).stream()
            .map(event -> ((RoomEvent.PostedTogether) event).posts())
            .toList();
    assertEquals(
        LongStream.rangeClosed(1, 250).boxed().toList(),
        stored.stream().flatMap(List::stream).map(RoomEvent.Posted::seq).toList());
    var sizes = stored.stream().map(List::size).toList();
    assertTrue(sizes.stream().allMatch(size -> size <= 100), sizes.toString());
    assertTrue(sizes.contains(100), "a backlog of more than 100 is split: " + sizes);
  }

  @Test
  void readsTheOneMessageEventsOfEarlierVersionsAndTheBatchesOfThisOne() {
    var journal = PersistenceTestKit.create(testKit.system());
    var ts = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    journal.persistForRecovery(
        Room.persistenceIdOf("Dev").id(),
        List.of(
            new RoomEvent.Posted(1, "alice", "one", ts),
            new RoomEvent.Posted(2, "bob", "two", ts),
            new RoomEvent.PostedTogether(
                List.of(
                    new RoomEvent.Posted(3, "alice", "three", ts),
                    new RoomEvent.Posted(4, "bob", "four", ts)))));
    var room = room(null);
    var carol = join(room, "carol");

    room.tell(new Room.GetHistory(null, null, 10, Set.of(), null, carol.getRef()));
    var history = carol.expectMessageClass(Room.Answer.class).frames();
    assertEquals(
        List.of("one", "two", "three", "four"),
        history.stream()
            .filter(ServerFrame.Message.class::isInstance)
            .map(frame -> ((ServerFrame.Message) frame).text())
            .toList());
    room.tell(new Room.Post("carol", "five", null, carol.getRef()));
    assertEquals(5, echo(carol).seq());
  }

  @Test
  void tellsOfAMemberThatLeftWhileItsPostWasStoredAfterThePost() {
    var journal = PersistenceTestKit.create(testKit.system());
    var room = room(null);
    var alice = join(room, "alice");
    var bob = join(room, "bob");
    events(alice, 1);

    journal.failNextPersisted();
    room.tell(new Room.Post("bob", "bye now", FrameId.of(5), bob.getRef()));
    room.tell(Room.Leave.departing("bob", bob.getRef(), DepartureReason.QUIT));

    var echo = posted(bob);
    assertEquals(bob.getRef(), echo.poster());
    assertEquals(FrameId.of(5), echo.re());
    assertEquals(bob.getRef(), posted(alice).poster());
    var left = assertInstanceOf(ServerFrame.MemberLeft.class, events(alice, 1).get(0));
    assertEquals("bob", left.nick());
    bob.expectNoMessage(Duration.ofMillis(50));
  }

  @Test
  void keepsTheNewSessionOfANickWhenItsFormerSessionLeavesLate() {
    var room = room(null);
    var alice = join(room, "alice");
    var former = join(room, "bob");
    var current = join(room, "bob");
    events(alice, 3);

    room.tell(Room.Leave.departing("bob", former.getRef(), DepartureReason.KICKED));
    room.tell(new Room.Post("alice", "still there?", null, alice.getRef()));

    echo(alice);
    var message = assertInstanceOf(ServerFrame.Message.class, decode(posted(current).frame()));
    assertEquals("still there?", message.text());
    alice.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void keepsTheLaterLoginOfANickWhenTheSessionItTookOverFromJoinsLate() {
    var room = room(null);
    var alice = join(room, "alice");
    var current = join(room, "bob", 2);
    events(alice, 1);
    // the session that the later login replaced had its join on the way
    var replaced = join(room, "bob", 1);

    room.tell(new Room.Post("alice", "who is there?", null, alice.getRef()));
    echo(alice);
    var message = assertInstanceOf(ServerFrame.Message.class, decode(posted(current).frame()));
    assertEquals("who is there?", message.text());
    replaced.expectNoMessage(Duration.ofMillis(100));
    alice.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void storesTheMessagesOfOneWriteAsOneEventAndATopicAsAnother() {
    var journal = PersistenceTestKit.create(testKit.system());
    var room = room(null);
    var alice = join(room, "alice");
    room.tell(new Room.Post("alice", "hello", null, alice.getRef()));
    var echo = echo(alice);
    room.tell(new Room.ChangeTopic("alice", "news", null, alice.getRef()));
    var topic = (ServerFrame.Topic) alice.expectMessageClass(Room.Answer.class).frames().get(0);

    String id = Room.persistenceIdOf("dev").id();
    journal.expectNextPersisted(
        id,
        new RoomEvent.PostedTogether(
            List.of(new RoomEvent.Posted(1, "alice", "hello", echo.ts()))));
    journal.expectNextPersisted(id, new RoomEvent.TopicSet("news", "alice", topic.ts()));
  }
}
