package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Password hashing has one bound for the whole server: logins from many addresses at once, each
 * under its own limits, are refused {@code server_busy} beyond it, and come in when they try again.
 */
@ExtendWith(LogCapturingExtension.class)
class PasswordHashesE2eTest {

  private static final String PASSWORD = "a long enough password";
  private static final int ACCOUNTS = 4;

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-password-hashes");

  private static InetAddress loopback(int last) {
    try {
      return InetAddress.getByName("127.0.0." + last);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void loginsBeyondTheServersHashingBoundAreToldToTryAgainSoon() {
    List<String> nicks = new ArrayList<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      String nick = Names.nick("account");
      try (var client = RawClient.login(server.address(), nick)) {
        client.sendFrame("register", "id", 1, "password", PASSWORD);
        client.expect(ServerFrame.Ok.class);
      }
      nicks.add(nick);
    }

    List<RawClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < ACCOUNTS; i++) {
        clients.add(RawClient.connectFrom(server.address(), loopback(20 + i)));
      }
      for (int i = 0; i < ACCOUNTS; i++) {
        clients.get(i).sendFrame("hello", "id", i, "nick", nicks.get(i), "password", PASSWORD);
      }
      int welcomed = 0;
      int busy = 0;
      for (int i = 0; i < ACCOUNTS; i++) {
        ServerFrame answer = clients.get(i).next();
        if (answer instanceof ServerFrame.Welcome) {
          welcomed++;
        } else {
          var error = (ServerFrame.Error) answer;
          assertEquals(ErrorCode.SERVER_BUSY, error.code(), clients.get(i).lastLine());
          assertEquals(1L, error.retryAfterS());
          assertEquals(FrameId.of(i), error.re());
          busy++;
          // the hello was refused, nothing else: once the check under way is done, it comes in
          RawClient client = clients.get(i);
          ServerFrame again = null;
          while (!(again instanceof ServerFrame.Welcome)) {
            if (again != null) {
              // as the answer says, as a client should
              LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(error.retryAfterS()));
            }
            client.sendFrame("hello", "id", "again", "nick", nicks.get(i), "password", PASSWORD);
            again = client.next();
          }
        }
      }
      assertEquals(1, welcomed, "one check at a time: the first comes in at once");
      assertEquals(ACCOUNTS - 1, busy);
    } finally {
      clients.forEach(RawClient::close);
    }
  }
}
