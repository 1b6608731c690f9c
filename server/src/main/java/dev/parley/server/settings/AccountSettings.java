package dev.parley.server.settings;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Who may log in, how passwords are hashed, and how guessing them is slowed down. */
public record AccountSettings(
    boolean allowGuests,
    boolean registrationOpen,
    int registrationsPerAddress,
    Duration registrationWindow,
    Optional<Path> usersFile,
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
}
