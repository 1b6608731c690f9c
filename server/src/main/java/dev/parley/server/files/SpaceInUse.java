package dev.parley.server.files;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.settings.FilesSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the files shared and being uploaded take, by account, by address and in all, against the
 * limits of {@code parley.files}; an upload counts with its declared size from its slot on.
 */
final class SpaceInUse {

  private final FilesSettings settings;
  private final Map<String, Long> byAccount = new HashMap<>();
  private final Map<String, Long> byAddress = new HashMap<>();
  private long total;

  SpaceInUse(FilesSettings settings) {
    this.settings = settings;
  }

  /**
   * Why a file of {@code size} bytes may not be added for {@code account} (canonical, or null for a
   * guest) at {@code address}, with {@code usableSpace} left on the disk; nothing when it may.
   */
  Optional<ServerFrame.Error> refusal(
      FrameId re, String account, String address, long size, long usableSpace) {
    if (account != null
        && byAccount.getOrDefault(account, 0L) + size > settings.quotaPerAccount()) {
      return error(
          re,
          ErrorCode.QUOTA_EXCEEDED,
          "your account's files may take "
              + StoredFile.humanSize(settings.quotaPerAccount())
              + " together, and take "
              + StoredFile.humanSize(byAccount.getOrDefault(account, 0L))
              + " now");
    }
    if (byAddress.getOrDefault(address, 0L) + size > settings.quotaPerAddress()) {
      return error(
          re,
          ErrorCode.QUOTA_EXCEEDED,
          "the files of your address may take "
              + StoredFile.humanSize(settings.quotaPerAddress())
              + " together, and take "
              + StoredFile.humanSize(byAddress.getOrDefault(address, 0L))
              + " now");
    }
    if (total + size > settings.diskBudget() || size > usableSpace) {
      return error(
          re, ErrorCode.STORAGE_FULL, "the server has no room for more files now; try later");
    }
    return Optional.empty();
  }

  void add(StoredFile file) {
    change(file, file.size());
  }

  void remove(StoredFile file) {
    change(file, -file.size());
  }

  private void change(StoredFile file, long bytes) {
    if (file.ownerAccount() != null) {
      byAccount.merge(file.ownerAccount(), bytes, Long::sum);
      byAccount.remove(file.ownerAccount(), 0L);
    }
    byAddress.merge(file.address(), bytes, Long::sum);
    byAddress.remove(file.address(), 0L);
    total += bytes;
  }

  private static Optional<ServerFrame.Error> error(FrameId re, ErrorCode code, String message) {
    return Optional.of(new ServerFrame.Error(re, code, message, null));
  }
}
