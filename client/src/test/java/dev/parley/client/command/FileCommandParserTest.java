package dev.parley.client.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FileCommandParserTest {

  private static UserCommand command(String line) {
    return assertInstanceOf(ParsedLine.Ready.class, CommandParser.parse(line)).command();
  }

  private static String hint(String line) {
    return assertInstanceOf(ParsedLine.Rejected.class, CommandParser.parse(line)).hint();
  }

  @Test
  void sendTakesARoomWithAHashOrANickAndThePathWithItsSpaces() {
    assertEquals(
        new UserCommand.SendFile("lobby", null, "holiday.png"),
        command("/send #lobby holiday.png"));
    assertEquals(
        new UserCommand.SendFile(null, "bob", "~/My Pictures/holiday 1.png"),
        command("/send bob ~/My Pictures/holiday 1.png"));
  }

  @Test
  void sendWantsATargetAndAPath() {
    assertTrue(hint("/send bob").startsWith("usage: /send nick|#room path"));
    assertTrue(hint("/send 9bob x").contains("is not a nick"));
    assertTrue(hint("/send #no/room x").contains("is not a room name"));
  }

  @Test
  void filesTakesNoArguments() {
    assertEquals(UserCommand.ListFiles.INSTANCE, command("/files"));
    assertTrue(hint("/files all").startsWith("usage: /files"));
  }

  @Test
  void getTakesAnIdInHexAndAnOptionalPath() {
    assertEquals(new UserCommand.GetFile("3f2a", null), command("/get 3f2a"));
    assertEquals(
        new UserCommand.GetFile("3F2A19bc", "/tmp/my file.png"),
        command("/get 3F2A19bc /tmp/my file.png"));
    assertTrue(hint("/get").startsWith("usage: /get id [path]"));
    assertTrue(hint("/get holiday.png").contains("is not a file's id"));
  }
}
