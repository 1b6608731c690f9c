package dev.parley.client.connection;

import dev.parley.protocol.DepartureReason;
import java.net.UnknownHostException;

/** How a lost or failed connection to the server is told to the user. */
final class LinkFailures {

  private LinkFailures() {}

  /**
   * Why an established connection ended: {@code abortReason} when this client aborted it, else the
   * stream's {@code cause}, else the server's {@code byeReason}; each of them may be null.
   */
  static String lossReason(String abortReason, DepartureReason byeReason, Throwable cause) {
    // the stream may fail with its own words for an abort this actor asked for
    if (abortReason != null) {
      return abortReason;
    }
    if (cause != null) {
      return describe(cause);
    }
    return byeReason == null
        ? "the server closed the connection"
        : "the server said bye (" + byeReason.wireName() + ")";
  }

  /** The useful end of a stream failure's message, without Pekko's command dump. */
  static String describe(Throwable cause) {
    if (cause == null) {
      return "the server closed the connection";
    }
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    // its message is only the host name, which the user sees beside it anyway
    if (root instanceof UnknownHostException
        || String.valueOf(root.getMessage()).contains(UnknownHostException.class.getName())) {
      return "unknown host";
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    int because = message.lastIndexOf("because of ");
    if (because >= 0) {
      message = message.substring(because + "because of ".length());
    }
    return message.replaceFirst("^[\\w.$]+(Exception|Error): ", "");
  }
}
