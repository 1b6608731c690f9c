package dev.parley.client.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.protocol.DepartureReason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class LinkFailuresTest {

  @Test
  void anUnknownHostIsSaidWithoutItsName() {
    var cause = new IOException("wrapped", new UnknownHostException("chat.example"));
    assertEquals("unknown host", LinkFailures.describe(cause));
  }

  @Test
  void aStreamFailureKeepsOnlyWhatFollowsBecauseOf() {
    var cause =
        new IllegalStateException(
            "Tcp command [Connect(...)] failed because of java.net.ConnectException: Connection"
                + " refused");
    assertEquals("Connection refused", LinkFailures.describe(cause));
  }

  @Test
  void aFailureWithoutMessageIsNamedByItsType() {
    assertEquals("ConnectException", LinkFailures.describe(new ConnectException()));
  }

  @Test
  void anAbortThisClientAskedForOutranksTheStreamsWords() {
    assertEquals(
        "no answer",
        LinkFailures.lossReason(
            "no answer", DepartureReason.SHUTDOWN, new IOException("stream failed")));
  }

  @Test
  void aByeIsTheReasonWhenTheServerClosedTheConnection() {
    assertEquals(
        "the server said bye (" + DepartureReason.SHUTDOWN.wireName() + ")",
        LinkFailures.lossReason(null, DepartureReason.SHUTDOWN, null));
    assertEquals("the server closed the connection", LinkFailures.lossReason(null, null, null));
  }
}
