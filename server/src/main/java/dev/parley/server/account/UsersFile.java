package dev.parley.server.account;

import dev.parley.protocol.ProtocolRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The operator's file of accounts: one {@code nick hash} per line, {@code #} for comments. */
public final class UsersFile {

  private UsersFile() {}

  /**
   * @throws IllegalArgumentException naming the file and line that is wrong
   * @throws UncheckedIOException when the file cannot be read
   */
  public static List<Account> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read users file " + file + ": " + e.getMessage(), e);
    }
    var accounts = new ArrayList<Account>();
    Set<String> seen = new HashSet<>();
    for (int number = 1; number <= lines.size(); number++) {
      String line = lines.get(number - 1).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\s+");
      String where = file + ":" + number + ": ";
      if (fields.length != 2) {
        throw new IllegalArgumentException(where + "a line is a nick and a hash");
      }
      if (!ProtocolRules.isValidNick(fields[0])) {
        throw new IllegalArgumentException(where + "'" + fields[0] + "' is not a valid nick");
      }
      if (!PasswordHasher.isEncodedHash(fields[1])) {
        throw new IllegalArgumentException(
            where + "not an Argon2id hash; make one with the hash-password command");
      }
      if (!seen.add(ProtocolRules.canonical(fields[0]))) {
        throw new IllegalArgumentException(where + "nick " + fields[0] + " is listed twice");
      }
      accounts.add(new Account(fields[0], fields[1], Set.of()));
    }
    return accounts;
  }
}
