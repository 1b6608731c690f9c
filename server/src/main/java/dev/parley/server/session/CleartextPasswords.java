package dev.parley.server.session;

import dev.parley.server.settings.IrcSettings;
import dev.parley.server.settings.TlsSettings;
import java.util.Optional;

/**
 * Whether a connection may carry a password: through TLS always; in cleartext only from an address
 * that counts as local, or where the operator allows it anyway.
 */
final class CleartextPasswords {

  private final TlsSettings tls;
  private final IrcSettings irc;

  CleartextPasswords(TlsSettings tls, IrcSettings irc) {
    this.tls = tls;
    this.irc = irc;
  }

  /** Why {@code connection} may not carry a password, naming where one may go; empty if it may. */
  Optional<String> refusal(ClientConnection connection) {
    if (connection.secure()
        || tls.allowCleartextPasswords()
        || (connection.remote().getAddress() != null
            && tls.isLocal(connection.remote().getAddress()))) {
      return Optional.empty();
    }
    return Optional.of(
        tls.enabled()
            ? "a password travels only over TLS from where you connect: connect to port "
                + tls.port()
                + " with TLS"
                + (irc.enabled() ? " (IRC clients: port " + irc.tlsPort() + ")" : "")
                + ", or open the web client over https on port "
                + tls.httpsPort()
            : "a password travels only over TLS from where you connect, and this server has no TLS"
                + " port: ask its operator to turn on parley.tls");
  }
}
