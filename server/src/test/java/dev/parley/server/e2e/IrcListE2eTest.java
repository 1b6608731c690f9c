package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.server.irc.IrcMessage;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LIST lists every room, however many pages of {@code rooms} that takes the door. */
@ExtendWith(LogCapturingExtension.class)
class IrcListE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-small-pages");

  @Test
  void listsEveryRoomInOneReplyAcrossPages() {
    var channels = new ArrayList<String>();
    try (var alice = IrcTestClient.connect(server.ircAddress()).register(Names.nick("alice"))) {
      for (int i = 0; i < 7; i++) {
        String channel = "#" + Names.room("list" + i);
        alice.join(channel);
        channels.add(channel);
      }

      alice.send("LIST").send("PING :after");

      List<IrcMessage> lines = alice.linesUntil("PONG", line -> true);
      var listed =
          lines.stream()
              .filter(line -> line.command().equals("322"))
              .map(line -> line.params().get(1))
              .toList();
      assertTrue(listed.containsAll(channels), listed.toString());
      assertTrue(listed.contains("#lobby"), listed.toString());
      assertEquals(listed.stream().distinct().toList(), listed, "each room once");
      assertEquals(1, lines.stream().filter(line -> line.command().equals("321")).count());
      var ends = lines.stream().filter(line -> line.command().equals("323")).toList();
      assertEquals(1, ends.size(), lines.toString());
      assertTrue(
          lines.indexOf(ends.get(0))
              > lines.indexOf(
                  lines.stream()
                      .filter(line -> line.command().equals("322"))
                      .reduce((a, b) -> b)
                      .get()),
          "323 ends the list");
    }
  }
}
