package dev.parley.server.persistence;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.server.directory.DirectoryEvent;
import dev.parley.server.directory.DirectorySnapshot;
import dev.parley.server.room.RoomEvent;
import dev.parley.server.room.RoomListEvent;
import dev.parley.server.room.RoomListSnapshot;
import dev.parley.server.room.RoomSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.serialization.jackson.JacksonJsonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the store holds is read back by later versions of the server: every stored class as version
 * 0.1 wrote it (the files in {@code stored-format/}) must still read as the same value, and what
 * the server writes now must be that same JSON. A change that breaks either needs a migration
 * (Pekko's {@code JacksonMigration}) and a new set of files, not an edit of the old ones.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class StoredFormatTest {

  @JUnit5TestKit
  public ActorTestKit testKit =
      new JUnit5TestKitBuilder().withCustomConfig(InMemoryJournal.over("application-test")).build();

  private static final Instant TS = Instant.parse("2026-11-22T14:05:30.123Z");

  /** A file of {@code stored-format/}: the bytes stored, with the manifest stored beside them. */
  private record Fixture(String file, String manifest, Object value) {}

  private static final List<Fixture> WRITTEN_BY_0_1 =
      List.of(
          new Fixture(
              "room-posted.json",
              "dev.parley.server.room.RoomEvent$Posted",
              new RoomEvent.Posted(42, "Alice", "hello, world", TS)),
          new Fixture(
              "room-posted-together.json",
              "dev.parley.server.room.RoomEvent$PostedTogether",
              new RoomEvent.PostedTogether(
                  List.of(
                      new RoomEvent.Posted(42, "Alice", "hello, world", TS),
                      new RoomEvent.Posted(43, "Bob", "hi \"Alice\" ✓", TS)))),
          new Fixture(
              "room-topic-set.json",
              "dev.parley.server.room.RoomEvent$TopicSet",
              new RoomEvent.TopicSet("Weekly sync", "Bob", TS)),
          new Fixture(
              "room-history-expired.json",
              "dev.parley.server.room.RoomEvent$HistoryExpired",
              new RoomEvent.HistoryExpired(17)),
          new Fixture(
              "room-snapshot.json",
              "dev.parley.server.room.RoomSnapshot",
              new RoomSnapshot(
                  "Weekly sync",
                  44,
                  List.of(
                      new RoomEvent.Posted(42, "Alice", "hello, world", TS),
                      new RoomEvent.Posted(43, "Bob", "hi \"Alice\" ✓", TS)))),
          new Fixture(
              "room-list-opened.json",
              "dev.parley.server.room.RoomListEvent$Opened",
              new RoomListEvent.Opened("Dev", "Builds", TS)),
          new Fixture(
              "room-list-snapshot.json",
              "dev.parley.server.room.RoomListSnapshot",
              new RoomListSnapshot(
                  List.of(
                      new RoomListEvent.Opened("Dev", "Builds", TS),
                      new RoomListEvent.Opened("ops", null, TS)))),
          new Fixture(
              "directory-account-registered.json",
              "dev.parley.server.directory.DirectoryEvent$AccountRegistered",
              new DirectoryEvent.AccountRegistered(
                  "Alice", "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA", TS)),
          new Fixture(
              "directory-blocks-set.json",
              "dev.parley.server.directory.DirectoryEvent$BlocksSet",
              new DirectoryEvent.BlocksSet("Alice", Set.of("bob"))),
          new Fixture(
              "directory-mail-kept.json",
              "dev.parley.server.directory.DirectoryEvent$MailKept",
              new DirectoryEvent.MailKept("Bob", "Alice", "call me", TS)),
          new Fixture(
              "directory-mail-delivered.json",
              "dev.parley.server.directory.DirectoryEvent$MailDelivered",
              new DirectoryEvent.MailDelivered("Alice")),
          new Fixture(
              "directory-mail-handed-over.json",
              "dev.parley.server.directory.DirectoryEvent$MailHandedOver",
              new DirectoryEvent.MailHandedOver("Alice", 2)),
          new Fixture(
              "directory-snapshot.json",
              "dev.parley.server.directory.DirectorySnapshot",
              new DirectorySnapshot(
                  List.of(new DirectoryEvent.AccountRegistered("Alice", "$argon2id$hash", TS)),
                  List.of(new DirectoryEvent.BlocksSet("Alice", Set.of("bob"))),
                  List.of(new DirectoryEvent.MailKept("Bob", "Alice", "call me", TS)))));

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void everyStoredClassIsWrittenAsJsonByJackson() {
    Serialization serialization = SerializationExtension.get(testKit.system());
    for (Fixture fixture : WRITTEN_BY_0_1) {
      var serializer = serialization.findSerializerFor(fixture.value());
      assertInstanceOf(JacksonJsonSerializer.class, serializer, fixture.file());
      assertEquals(
          fixture.manifest(), Serializers.manifestFor(serializer, fixture.value()), fixture.file());
    }
  }

  @Test
  void readsWhatVersion01Wrote() throws IOException {
    Serialization serialization = SerializationExtension.get(testKit.system());
    int jacksonJson = serialization.serializerFor(RoomEvent.Posted.class).identifier();
    for (Fixture fixture : WRITTEN_BY_0_1) {
      Object read =
          serialization.deserialize(bytesOf(fixture.file()), jacksonJson, fixture.manifest()).get();
      assertEquals(fixture.value(), read, fixture.file());
    }
  }

  @Test
  void writesWhatVersion01Wrote() throws IOException {
    Serialization serialization = SerializationExtension.get(testKit.system());
    for (Fixture fixture : WRITTEN_BY_0_1) {
      byte[] written = serialization.serialize(fixture.value()).get();
      assertEquals(
          json.readTree(bytesOf(fixture.file())),
          json.readTree(written),
          fixture.file() + " is now written as " + new String(written, UTF_8));
    }
  }

  private static byte[] bytesOf(String name) throws IOException {
    try (InputStream in = StoredFormatTest.class.getResourceAsStream("/stored-format/" + name)) {
      assertNotNull(in, "stored-format/" + name);
      return in.readAllBytes();
    }
  }
}
