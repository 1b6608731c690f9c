package dev.parley.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.junit.jupiter.api.Test;

class DownloadHeadersTest {

  @Test
  void aNameOutsideAsciiIsGivenTwice() {
    assertEquals(
        "attachment; filename=\"r_sum_ _.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%E2%9C%93.pdf",
        DownloadHeaders.disposition("résumé ✓.pdf"));
  }

  @Test
  void quotesAndBackslashesNeverEndTheAsciiName() {
    assertEquals(
        "attachment; filename=\"a_b_c_.txt\"; filename*=UTF-8''a%22b%5Cc%25.txt",
        DownloadHeaders.disposition("a\"b\\c%.txt"));
  }

  @Test
  void onlyTypesThatBrowsersDoNotRunAreKept() {
    assertEquals("image/png", DownloadHeaders.contentType("image/png").toString());
    assertEquals(ContentTypes.TEXT_PLAIN_UTF8, DownloadHeaders.contentType("text/plain"));
    for (String runnable :
        new String[] {"text/html", "image/svg+xml", "application/xhtml+xml", "text/javascript"}) {
      assertEquals(
          ContentTypes.APPLICATION_OCTET_STREAM, DownloadHeaders.contentType(runnable), runnable);
    }
  }
}
