package dev.parley.server.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.parley.protocol.ProtocolRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Who may log in, how passwords are hashed, and how guessing them is slowed down. */
public record AccountSettings(
    boolean allowGuests,
    boolean registrationOpen,
    int registrationsPerAddress,
    Duration registrationWindow,
    Optional<Path> usersFile,
    List<String> operators,
    int maxFailedLogins,
    int maxFailedLoginsPerAddress,
    Duration failedLoginWindow,
    Duration lockout,
    Argon2Settings argon2,
    String hashingDispatcher,
    int maxPasswordHashes,
    int mailboxSize) {

  /** Argon2id's cost: memory in KiB per hash, passes over it, lanes. */
  public record Argon2Settings(int memoryKib, int iterations, int parallelism) {}

  public AccountSettings {
    operators = List.copyOf(operators);
  }

  /** Whether {@code nick}, logged in with its password, is a room operator. */
  public boolean isOperator(String nick) {
    String key = ProtocolRules.canonical(nick);
    return operators.stream().anyMatch(operator -> ProtocolRules.canonical(operator).equals(key));
  }

  /**
   * Checks that every operator is one of {@code listedNicks}, the accounts of the users file, so
   * that nobody can register an operator's nick and be one.
   *
   * @throws ConfigException naming the setting and the first nick that is not listed
   */
  public void requireOperatorsAmong(List<String> listedNicks) {
    Set<String> nicks =
        listedNicks.stream().map(ProtocolRules::canonical).collect(Collectors.toSet());
    for (String operator : operators) {
      if (!nicks.contains(ProtocolRules.canonical(operator))) {
        throw new ConfigException.BadValue(
            "parley.accounts.operators",
            operator
                + " is no account of parley.accounts.users-file ("
                + usersFile.map(Path::toString).orElse("none set")
                + "); an operator must be listed there");
      }
    }
  }

  public static AccountSettings fromConfig(Config config) {
    var section = new SettingsSection(config, "parley.accounts");
    String usersFile = section.string("users-file");
    int memoryBytes = section.positiveBytes("argon2.memory");
    if (memoryBytes < 8 * 1024) {
      throw section.invalid("argon2.memory", "must be at least 8KiB");
    }
    return new AccountSettings(
        section.bool("allow-guests"),
        section.bool("registration-open"),
        section.positiveInt("registrations-per-address"),
        section.positiveDuration("registration-window"),
        usersFile.isBlank() ? Optional.empty() : Optional.of(Path.of(usersFile)),
        operators(section),
        section.positiveInt("max-failed-logins"),
        section.positiveInt("max-failed-logins-per-address"),
        section.positiveDuration("failed-login-window"),
        section.positiveDuration("lockout"),
        new Argon2Settings(
            memoryBytes / 1024,
            section.positiveInt("argon2.iterations"),
            section.intInRange("argon2.parallelism", 1, 64)),
        "parley.accounts.hashing-dispatcher",
        section.positiveInt("max-password-hashes"),
        new SettingsSection(config, "parley.direct-messages").positiveInt("mailbox-size"));
  }

  private static List<String> operators(SettingsSection section) {
    List<String> operators = section.strings("operators");
    for (String nick : operators) {
      if (!ProtocolRules.isValidNick(nick)) {
        throw section.invalid("operators", "'" + nick + "' is not a valid nick");
      }
    }
    return operators;
  }
}
