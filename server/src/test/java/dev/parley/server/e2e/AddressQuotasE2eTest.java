package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One address makes at most 1 account and 2 rooms an hour, whatever nicks its clients use. */
@ExtendWith(LogCapturingExtension.class)
class AddressQuotasE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-quotas");

  @Test
  void refusesAnAddressMoreRoomsThanItMayCreateUnderAnyNick() {
    try (var first = RawClient.login(server.address(), Names.nick("maker"))) {
      for (String room : new String[] {Names.room("one"), Names.room("two")}) {
        first.sendFrame("create", "room", room);
        first.expect(ServerFrame.Joined.class);
      }
    }
    try (var second = RawClient.login(server.address(), Names.nick("other"))) {
      second.sendFrame("create", "id", "c", "room", Names.room("three"));

      var error = second.expectError(ErrorCode.ROOM_LIMIT, FrameId.of("c"));
      assertTrue(error.message().contains("your address"), error.message());
    }
  }

  @Test
  void refusesAnAddressMoreAccountsThanItMayRegisterUnderAnyNick() {
    try (var first = RawClient.login(server.address(), Names.nick("first"))) {
      first.sendFrame("register", "id", "r", "password", "a long password");
      first.expect(ServerFrame.Ok.class);
    }
    try (var second = RawClient.login(server.address(), Names.nick("second"))) {
      second.sendFrame("register", "id", "r", "password", "a long password");

      var error = second.expectError(ErrorCode.REGISTRATION_CLOSED, FrameId.of("r"));
      assertTrue(error.message().contains("try again in"), error.message());
    }
  }
}
