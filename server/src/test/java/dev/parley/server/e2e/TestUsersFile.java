package dev.parley.server.e2e;

import com.typesafe.config.ConfigFactory;
import dev.parley.server.account.PasswordHasher;
import dev.parley.server.settings.AccountSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The users file a test config names, written before the server of that config starts. */
final class TestUsersFile {

  private TestUsersFile() {}

  /**
   * The server of {@code configResource} for the tests of one class, with {@code nick}'s account in
   * its users file, written now: the server reads it as it starts.
   */
  static RunningServer serverWith(String configResource, String nick, String password) {
    write(configResource, nick, password);
    return new RunningServer(configResource);
  }

  /**
   * Writes {@code nick}'s account with {@code password}, hashed at the config's cost, as the one
   * account of the users file that {@code configResource} names.
   */
  static void write(String configResource, String nick, String password) {
    var accounts = AccountSettings.fromConfig(ConfigFactory.load(configResource));
    Path file =
        accounts
            .usersFile()
            .orElseThrow(() -> new IllegalStateException(configResource + " has no users file"));
    String hash = new PasswordHasher(accounts.argon2()).hash(password);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, nick + " " + hash + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
