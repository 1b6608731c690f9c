package dev.parley.bench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  private static final String SCRAPE =
      String.join(
          "\n",
          "# HELP parley_connections_open Connections open now, by front door",
          "# TYPE parley_connections_open gauge",
          "parley_connections_open{door=\"tcp\"} 3.0",
          "parley_connections_open{door=\"websocket\",} 1.0",
          "jvm_threads_live_threads 23.0",
          "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"} 1.2E7",
          "jvm_memory_used_bytes{area=\"nonheap\",id=\"Metaspace\"} 4.0E7",
          "odd{text=\"a \\\"quoted\\\" }, brace\"} NaN 1700000000000",
          "");

  @Test
  void sumsAMetricOverItsLabels() {
    assertEquals(
        OptionalDouble.of(4.0), PrometheusText.parse(SCRAPE).sum("parley_connections_open"));
  }

  @Test
  void readsAMetricWithoutLabels() {
    assertEquals(
        OptionalDouble.of(23.0), PrometheusText.parse(SCRAPE).sum("jvm_threads_live_threads"));
  }

  @Test
  void anAbsentMetricHasNoSum() {
    assertTrue(PrometheusText.parse(SCRAPE).sum("parley_rooms").isEmpty());
  }

  @Test
  void groupsAMetricByOneLabel() {
    assertEquals(
        Map.of("heap", 1.2e7, "nonheap", 4.0e7),
        PrometheusText.parse(SCRAPE).byLabel("jvm_memory_used_bytes", "area"));
  }

  @Test
  void readsQuotesAndBracesInsideALabelValue() {
    var odd =
        PrometheusText.parse(SCRAPE).samples().stream()
            .filter(sample -> sample.name().equals("odd"))
            .findFirst()
            .orElseThrow();

    assertEquals("a \"quoted\" }, brace", odd.labels().get("text"));
    assertTrue(Double.isNaN(odd.value()));
  }

  @Test
  void refusesASampleWithoutANumber() {
    assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("up{job=\"x\"} many"));
  }
}
