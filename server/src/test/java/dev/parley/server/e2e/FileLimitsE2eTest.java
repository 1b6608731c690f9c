package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The limits of {@code parley.files}, each refused before anything is uploaded: a quota per account
 * and per address, counting uploads under way by their declared size, the disk budget of all files
 * together, and guests where only accounts may share. Clients of other loopback addresses stand for
 * other machines.
 */
@ExtendWith(LogCapturingExtension.class)
class FileLimitsE2eTest {

  private static final long MIB = 1 << 20;
  private static final String SHA = FileTransfers.sha256(new byte[0]);
  // each test its own addresses: the quotas of one are none of another's
  private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(2);

  @RegisterExtension
  static final RunningServer limited = FileTransfers.serverWithFiles("e2e-files-limits");

  @RegisterExtension
  static final RunningServer smallDisk =
      new RunningServer(
          "e2e-files-limits",
          () ->
              Map.of(
                  "parley.files.dir",
                  FileTransfers.temporaryFolder().toString(),
                  "parley.files.disk-budget",
                  "5MiB"));

  @RegisterExtension
  static final RunningServer accountsOnly = FileTransfers.serverWithFiles("e2e-files-no-guests");

  private static InetAddress newAddress() {
    try {
      return InetAddress.getByName("127.0.0." + NEXT_ADDRESS.getAndIncrement());
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RawClient loginFrom(InetSocketAddress server, InetAddress address, String nick) {
    var client = RawClient.connectFrom(server, address);
    client.sendFrame("hello", "nick", nick);
    client.expect(ServerFrame.Welcome.class);
    client.expect(ServerFrame.Joined.class);
    return client;
  }

  /** Asks for a slot for {@code size} bytes in the lobby; the next frame is the answer. */
  private static void askSlot(RawClient client, String id, long size) {
    client.sendFrame(
        "upload", "id", id, "room", "lobby", "name", "big.bin", "size", size, "sha256", SHA);
  }

  @Test
  void theFilesOfOneAddressStayWithinItsQuota() {
    InetAddress address = newAddress();
    try (var first = loginFrom(limited.address(), address, Names.nick("g"));
        var second = loginFrom(limited.address(), address, Names.nick("g"))) {
      askSlot(first, "1", 2 * MIB);
      first.expect(ServerFrame.UploadSlot.class);
      askSlot(second, "2", 2 * MIB);
      second.expect(ServerFrame.UploadSlot.class);

      askSlot(second, "3", 1);

      var refused = second.expectError(ErrorCode.QUOTA_EXCEEDED, FrameId.of("3"));
      assertTrue(refused.message().contains("your address"), refused.message());
      try (var elsewhere = loginFrom(limited.address(), newAddress(), Names.nick("g"))) {
        askSlot(elsewhere, "4", 1);
        elsewhere.expect(ServerFrame.UploadSlot.class);
      }
    }
  }

  @Test
  void theFilesOfOneAccountStayWithinItsQuotaFromAnyAddress() {
    String nick = Names.nick("acct");
    try (var client = loginFrom(limited.address(), newAddress(), nick)) {
      client.sendFrame("register", "id", "r", "password", "correct horse battery");
      client.expect(ServerFrame.Ok.class);
      askSlot(client, "1", 2 * MIB);
      client.expect(ServerFrame.UploadSlot.class);
    }
    try (var again = RawClient.connectFrom(limited.address(), newAddress())) {
      again.sendFrame("hello", "nick", nick, "password", "correct horse battery");
      again.expect(ServerFrame.Welcome.class);
      again.expect(ServerFrame.Joined.class);

      askSlot(again, "2", 2 * MIB);

      var refused = again.expectError(ErrorCode.QUOTA_EXCEEDED, FrameId.of("2"));
      assertTrue(refused.message().contains("your account"), refused.message());
    }
  }

  @Test
  void allFilesTogetherStayWithinTheDiskBudget() {
    ServerFrame.Error refused = null;
    // 5 MiB in all: full at the third file of 2 MiB, each from an address of its own
    for (int i = 0; i < 3 && refused == null; i++) {
      try (var client = loginFrom(smallDisk.address(), newAddress(), Names.nick("fill"))) {
        askSlot(client, "f", 2 * MIB);
        var answer = client.expectFrame(frame -> true, "a slot or an error");
        if (answer instanceof ServerFrame.Error error) {
          refused = error;
        }
      }
    }

    assertEquals(ErrorCode.STORAGE_FULL, refused == null ? null : refused.code());
    assertEquals(FrameId.of("f"), refused.re());
  }

  @Test
  void aGuestMayNotShareWhereOnlyAccountsMay() {
    try (var guest = RawClient.login(accountsOnly.address(), Names.nick("guest"))) {
      askSlot(guest, "g", 10);

      guest.expectError(ErrorCode.ACCOUNT_REQUIRED, FrameId.of("g"));
      guest.sendFrame("register", "id", "r", "password", "correct horse battery");
      guest.expect(ServerFrame.Ok.class);
      askSlot(guest, "a", 10);
      guest.expect(ServerFrame.UploadSlot.class);
    }
  }
}
