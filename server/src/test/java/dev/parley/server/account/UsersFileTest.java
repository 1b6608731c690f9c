package dev.parley.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.server.settings.AccountSettings.Argon2Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {

  @TempDir Path directory;

  private final String hash = new PasswordHasher(new Argon2Settings(64, 1, 1)).hash("a password");

  private Path file(String content) throws IOException {
    return Files.writeString(directory.resolve("users"), content);
  }

  @Test
  void readsOneAccountPerLineSkippingCommentsAndBlankLines() throws IOException {
    var accounts =
        UsersFile.read(file("# operators\n\nalice " + hash + "\n  Bob\t" + hash + "  \n"));
    assertEquals(
        List.of(new Account("alice", hash, Set.of()), new Account("Bob", hash, Set.of())),
        accounts);
  }

  @Test
  void namesTheLineOfABadNick() throws IOException {
    var problem =
        assertThrows(
            IllegalArgumentException.class,
            () -> UsersFile.read(file("alice " + hash + "\n9lives " + hash)));
    assertTrue(problem.getMessage().contains(":2:"), problem.getMessage());
  }

  @Test
  void refusesWhatIsNoHash() throws IOException {
    assertThrows(IllegalArgumentException.class, () -> UsersFile.read(file("alice secret")));
  }

  @Test
  void refusesANickListedTwiceInAnyCase() throws IOException {
    assertThrows(
        IllegalArgumentException.class,
        () -> UsersFile.read(file("alice " + hash + "\nALICE " + hash)));
  }

  @Test
  void reportsAFileThatCannotBeRead() {
    assertThrows(UncheckedIOException.class, () -> UsersFile.read(directory.resolve("absent")));
  }
}
