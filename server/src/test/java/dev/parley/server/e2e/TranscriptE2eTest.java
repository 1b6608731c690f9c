package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.ParleyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With the transcript on, room messages and notices end up in the chat log, not elsewhere. */
@ExtendWith(LogCapturingExtension.class)
class TranscriptE2eTest {

  private static final Path TRANSCRIPT = Path.of("target/e2e-transcript/transcript.log");

  @Test
  void writesRoomMessagesAndNoticesToTheTranscript() throws IOException {
    Files.deleteIfExists(TRANSCRIPT);
    String alice = Names.nick("alice");
    String room = Names.room("log");
    var server = ParleyServer.start(ConfigFactory.load("e2e-transcript"));
    try (var client = RawClient.login(server.address(), alice)) {
      client.sendFrame("create", "room", room);
      client.expect(ServerFrame.Joined.class);
      client.sendFrame("say", "room", room, "text", "for the record");
      client.expect(ServerFrame.Message.class);
      server.announce("all hands at five");
      client.expect(ServerFrame.Notice.class);
    } finally {
      server.close();
    }
    List<String> lines = Files.readAllLines(TRANSCRIPT);
    assertTrue(
        lines.stream()
            .anyMatch(line -> line.endsWith("#" + room + " <" + alice + "> for the record")),
        String.join("\n", lines));
    assertTrue(
        lines.stream().anyMatch(line -> line.endsWith("* notice: all hands at five")),
        String.join("\n", lines));
  }
}
