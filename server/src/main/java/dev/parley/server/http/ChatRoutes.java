package dev.parley.server.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResource;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResourceDirectory;
import static org.apache.pekko.http.javadsl.server.Directives.handleWebSocketMessages;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.respondWithHeaders;

import dev.parley.server.session.ClientConnection;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * What the chat's HTTP or HTTPS address serves: the web client from the jar's {@code web/} folder,
 * with headers that let its page run only its own scripts, and at {@code /ws} the chat over
 * WebSocket, to pages of the server's own origin or of an allowed one.
 */
final class ChatRoutes {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private static final List<HttpHeader> PAGE_HEADERS =
      List.of(
          RawHeader.create("Content-Security-Policy", CONTENT_SECURITY_POLICY),
          RawHeader.create("X-Content-Type-Options", "nosniff"),
          RawHeader.create("X-Frame-Options", "DENY"),
          RawHeader.create("Referrer-Policy", "no-referrer"),
          RawHeader.create("Cache-Control", "no-cache"));

  private final WebSocketSessionFlow sessionFlow;
  private final Set<String> allowedOrigins;
  private final boolean secure;
  private final Consumer<ClientConnection> admit;

  /** {@code secure}: served over TLS, so that the page's own origin is an https one. */
  ChatRoutes(
      WebSocketSessionFlow sessionFlow,
      List<String> allowedOrigins,
      boolean secure,
      Consumer<ClientConnection> admit) {
    this.sessionFlow = sessionFlow;
    this.allowedOrigins = Set.copyOf(allowedOrigins);
    this.secure = secure;
    this.admit = admit;
  }

  Route route() {
    return concat(
        path("ws", () -> extractRequest(this::webSocket)),
        get(
            () ->
                respondWithHeaders(
                    PAGE_HEADERS,
                    () ->
                        concat(
                            pathSingleSlash(
                                () ->
                                    getFromResource("web/index.html", ContentTypes.TEXT_HTML_UTF8)),
                            getFromResourceDirectory("web")))));
  }

  private Route webSocket(HttpRequest request) {
    Optional<String> origin = request.getHeader("Origin").map(HttpHeader::value);
    if (origin.isPresent() && !isAllowed(origin.get(), request)) {
      return complete(
          StatusCodes.FORBIDDEN,
          "pages of " + origin.get() + " may not open this chat; see parley.http.allowed-origins");
    }
    InetSocketAddress remote =
        request
            .getAttribute(AttributeKeys.remoteAddress)
            .flatMap(
                address ->
                    address.getAddress().map(ip -> new InetSocketAddress(ip, address.getPort())))
            .orElseThrow(
                () ->
                    new IllegalStateException("pekko.http.server.remote-address-attribute is off"));
    return handleWebSocketMessages(sessionFlow.forClient(remote, secure, admit));
  }

  /** The server's own origin, where the page it serves comes from, or one the operator allows. */
  private boolean isAllowed(String origin, HttpRequest request) {
    String normalized = origin.trim().toLowerCase(Locale.ROOT);
    if (allowedOrigins.contains(normalized)) {
      return true;
    }
    return request
        .getHeader("Host")
        .map(
            host ->
                normalized.equals(
                    (secure ? "https://" : "http://") + host.value().toLowerCase(Locale.ROOT)))
        .orElse(false);
  }
}
