package dev.parley.server.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import dev.parley.server.metrics.ServerMetrics;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.util.ByteString;

/** What operators' tools ask: whether the server lives, whether it takes chat, and its metrics. */
final class OperationsRoutes {

  private static final ContentType PROMETHEUS_TEXT =
      ContentTypes.parse("text/plain; version=0.0.4; charset=utf-8");

  private final Readiness readiness;
  private final ServerMetrics metrics;

  OperationsRoutes(Readiness readiness, ServerMetrics metrics) {
    this.readiness = readiness;
    this.metrics = metrics;
  }

  Route route() {
    return get(
        () ->
            concat(
                pathPrefix(
                    "health",
                    () ->
                        concat(path("live", () -> complete("live\n")), path("ready", this::ready))),
                path(
                    "metrics",
                    () ->
                        complete(
                            HttpEntities.create(
                                PROMETHEUS_TEXT, ByteString.fromString(metrics.scrape()))))));
  }

  private Route ready() {
    Readiness.Phase phase = readiness.phase();
    return phase == Readiness.Phase.READY
        ? complete("ready\n")
        : complete(StatusCodes.SERVICE_UNAVAILABLE, "not ready: " + phase.description() + "\n");
  }
}
