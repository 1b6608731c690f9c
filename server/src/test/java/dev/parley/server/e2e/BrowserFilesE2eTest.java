package dev.parley.server.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.SharedFile;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Sharing files from the web client in a real browser: a file picked with the attach button goes up
 * in chunks with a progress bar and reaches the others, an image shows a preview, a refusal says
 * why, a chunk that fails is resumed where the server stopped, and a file shared from a terminal
 * shows as a download link.
 */
@ExtendWith(LogCapturingExtension.class)
@EnabledIf(
    value = "dev.parley.server.e2e.BrowserSession#available",
    disabledReason = BrowserSession.MISSING)
class BrowserFilesE2eTest {

  private static final Path SHELF = temporaryFolder();
  private static final int MIB = 1024 * 1024;

  // large enough for a file of two of the page's 4 MiB chunks
  @RegisterExtension
  static final RunningServer server =
      new RunningServer(
          "e2e-files",
          () -> Map.of("parley.files.dir", SHELF.toString(), "parley.files.max-file-size", "6MiB"));

  // its files expire a moment after they are shared
  @RegisterExtension
  static final RunningServer shortLived =
      new RunningServer(
          "e2e-files",
          () ->
              Map.of(
                  "parley.files.dir",
                  temporaryFolder().toString(),
                  "parley.files.expire-after",
                  "1s"));

  /** A shared file as the open conversation shows it; no href once it expired. */
  private record FileShown(String size, String href, String download, boolean expired) {}

  @TempDir Path picked;

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("parley-browser-files-e2e");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aFileAttachedInARoomGoesUpInChunksAndReachesTheOtherMember() throws IOException {
    String room = Names.room("notes");
    try (var browser = BrowserSession.open(server.httpAddress()).logIn(Names.nick("web"));
        var terminal = joined(browser, room)) {
      byte[] bytes = FileTransfers.bytes(5 * MIB + 12_345, 1);

      browser.attachFile(pick("field notes.bin", bytes));

      var upload = browser.waitForUpload("field notes.bin", "done");
      assertTrue(upload.status().startsWith("100 % · shared, 5.0 MiB in "), upload.status());
      SharedFile file = skipTo(terminal, ServerFrame.Message.class).file();
      assertNotNull(file, "the message shares the file");
      assertEquals("field notes.bin", file.name());
      assertEquals(bytes.length, file.size());
      assertEquals("application/octet-stream", file.contentType());
      assertEquals(FileTransfers.sha256(bytes), file.sha256());
      assertArrayEquals(bytes, FileTransfers.get(file.url()).body());
      var shown = waitForFile(browser, "field notes.bin");
      assertEquals(new FileShown("5.0 MiB", onPage(file.url()), "field notes.bin", false), shown);
    }
  }

  @Test
  void aFileDroppedOnTheConversationIsShared() {
    String room = Names.room("drop");
    try (var browser = BrowserSession.open(server.httpAddress()).logIn(Names.nick("web"));
        var terminal = joined(browser, room)) {
      // what the browser hands the page when a file from the desktop is dragged over it, then let
      // go
      boolean highlighted =
          browser.script(
              "const files = new DataTransfer();"
                  + " files.items.add(new File(['dropped words'], 'dropped.txt',"
                  + " { type: 'text/plain' }));"
                  + " const target = document.getElementById('messages');"
                  + " const at = { dataTransfer: files, bubbles: true, cancelable: true };"
                  + " target.dispatchEvent(new DragEvent('dragover', at));"
                  + " const shown = document.getElementById('conversation')"
                  + ".classList.contains('dropping');"
                  + " target.dispatchEvent(new DragEvent('drop', at));"
                  + " return shown;");

      assertTrue(highlighted, "the conversation shows where a drop goes while a file is over it");
      browser.waitForUpload("dropped.txt", "done");
      SharedFile file = skipTo(terminal, ServerFrame.Message.class).file();
      assertEquals("dropped.txt", file.name());
      assertEquals("dropped words", new String(FileTransfers.get(file.url()).body(), UTF_8));
      assertFalse(
          browser.<Boolean>script(
              "return document.getElementById('conversation').classList.contains('dropping')"));
    }
  }

  @Test
  void anImageSharedShowsAPreviewThatLoaded() throws IOException {
    String room = Names.room("photos");
    try (var browser = BrowserSession.open(server.httpAddress()).logIn(Names.nick("web"));
        var terminal = joined(browser, room)) {
      browser.attachFile(pick("sunset.png", png(64, 40)));

      browser.waitForUpload("sunset.png", "done");
      assertEquals("image/png", skipTo(terminal, ServerFrame.Message.class).file().contentType());
      waitForFile(browser, "sunset.png");
      long width =
          browser.waitFor(
              d -> {
                Long loaded =
                    browser.script(
                        "const img = document.querySelector("
                            + "'#messages [data-testid=file-preview]');"
                            + " return img && img.complete ? img.naturalWidth : 0;");
                return loaded > 0 ? loaded : null;
              });
      assertEquals(64, width, "the preview is the picture itself, as the server sent it");
    }
  }

  @Test
  void aPreviewAskedForBeforeTheServerServesTheFileIsAskedForAgain() throws IOException {
    String room = Names.room("early");
    try (var browser = BrowserSession.open(server.httpAddress()).logIn(Names.nick("web"));
        var terminal = joined(browser, room)) {
      byte[] png = png(30, 20);
      var slot = FilesE2eTest.slotIn(terminal, room, "early.png", "image/png", png);
      // the entry of a message that came before its file could be fetched (404 until shared)
      browser.script(
          "import('/js/render.js').then(render => {"
              + " const card = render.fileElement({ id: 'early', name: 'early.png',"
              + " size: arguments[1], content_type: 'image/png', url: arguments[0] });"
              + " card.id = 'early-card'; document.getElementById('log-slot').append(card); });"
              + " return null;",
          slot.url() + "/early.png",
          png.length);
      browser.waitFor(
          d -> browser.script("return document.querySelector('#early-card img[data-tried]')"));

      FileTransfers.uploadAll(slot, png);

      long width =
          browser.waitFor(
              d -> {
                Long loaded =
                    browser.script(
                        "const img = document.querySelector('#early-card img');"
                            + " return img.complete ? img.naturalWidth : 0;");
                return loaded > 0 ? loaded : null;
              });
      assertEquals(30, width, "the preview tried again and loaded");
    }
  }

  @Test
  void aFileLargerThanTheServerTakesIsRefusedWithTheReason() throws IOException {
    String room = Names.room("big");
    try (var browser = BrowserSession.open(server.httpAddress()).logIn(Names.nick("web"));
        var terminal = joined(browser, room)) {
      browser.attachFile(pick("film.bin", new byte[7 * MIB]));

      var refused = browser.waitForUpload("film.bin", "failed");
      assertEquals(
          "That file is too large to share here: a file may have at most 6.0 MiB on this server,"
              + " not 7.0 MiB.",
          refused.status());
      terminal.sendFrame("ping", "id", "p");
      assertTrue(
          terminal.next() instanceof ServerFrame.Pong,
          "nothing was shared: " + terminal.lastLine());
    }
  }

  @Test
  void aChunkThatFailsIsResumedFromWhereTheServerStopped() throws IOException {
    String room = Names.room("resume");
    try (var browser = BrowserSession.open(server.httpAddress()).logIn(Names.nick("web"));
        var terminal = joined(browser, room)) {
      byte[] bytes = FileTransfers.bytes(5 * MIB, 2);
      // the first chunk reaches the server, but its answer is lost on the way back
      browser.script(
          "const realFetch = window.fetch; let lost = false; window.sentRequests = [];"
              + " window.fetch = async (url, options = {}) => {"
              + "   window.sentRequests.push(options.method || 'GET');"
              + "   const answer = await realFetch(url, options);"
              + "   if (options.method === 'PATCH' && !lost) {"
              + "     lost = true; throw new TypeError('Failed to fetch'); }"
              + "   return answer; };"
              + " return null;");

      browser.attachFile(pick("resumed.bin", bytes));

      browser.waitForUpload("resumed.bin", "done");
      List<String> requests = browser.script("return window.sentRequests");
      assertEquals(List.of("PATCH", "HEAD", "PATCH"), requests);
      SharedFile file = skipTo(terminal, ServerFrame.Message.class).file();
      assertArrayEquals(bytes, FileTransfers.get(file.url()).body());
    }
  }

  @Test
  void anUploadCancelledStopsAndItsRowIsThenDismissed() throws IOException {
    String room = Names.room("cancel");
    try (var browser = BrowserSession.open(server.httpAddress()).logIn(Names.nick("web"));
        var terminal = joined(browser, room)) {
      // a chunk that takes until it is called off, as on a very slow network
      browser.script(
          "window.fetch = (url, options = {}) => new Promise((resolve, reject) =>"
              + " options.signal.addEventListener('abort',"
              + " () => reject(new DOMException('aborted', 'AbortError'))));"
              + " return null;");
      browser.attachFile(pick("slow.bin", FileTransfers.bytes(10_000, 6)));
      browser.waitForUpload("slow.bin", "sending");

      browser.click(By.cssSelector("#uploads [data-testid=upload-close]"));

      assertEquals("Cancelled.", browser.waitForUpload("slow.bin", "cancelled").status());
      browser.click(By.cssSelector("#uploads [data-testid=upload-close]"));
      browser.waitFor(
          d -> d.findElements(By.cssSelector("#uploads [data-testid=upload]")).isEmpty());
      assertFalse(browser.driver().findElement(By.id("uploads")).isDisplayed());
      terminal.sendFrame("ping", "id", "p");
      assertTrue(
          terminal.next() instanceof ServerFrame.Pong,
          "nothing was shared: " + terminal.lastLine());
    }
  }

  @Test
  void aPageWithoutWebCryptoComputesTheChecksumInSlices() throws IOException {
    String room = Names.room("plain");
    try (var browser = BrowserSession.open(server.httpAddress()).logIn(Names.nick("web"));
        var terminal = joined(browser, room)) {
      // as on a plain http page of another host than localhost, where browsers give no subtle
      boolean hidden =
          browser.script(
              "Object.defineProperty(crypto, 'subtle', { value: undefined });"
                  + " return crypto.subtle === undefined;");
      assertTrue(hidden, "the page has no Web Crypto");
      byte[] bytes = FileTransfers.bytes(4 * MIB + 4_099, 4);

      browser.attachFile(pick("sliced.bin", bytes));

      browser.waitForUpload("sliced.bin", "done");
      SharedFile file = skipTo(terminal, ServerFrame.Message.class).file();
      assertEquals(FileTransfers.sha256(bytes), file.sha256());
    }
  }

  @Test
  void aFileSharedInADirectConversationShowsOnBothSides() throws IOException {
    String web = Names.nick("web");
    String tcp = Names.nick("tcp");
    try (var browser = BrowserSession.open(server.httpAddress()).logIn(web);
        var terminal = RawClient.login(server.address(), tcp)) {
      browser.send("/msg " + tcp + " a file for you");
      browser.waitForConversation("@" + tcp);
      skipTo(terminal, ServerFrame.Direct.class);
      byte[] bytes = "only for you\n".getBytes(UTF_8);

      browser.attachFile(pick("secret.txt", bytes));

      browser.waitForUpload("secret.txt", "done");
      var direct = skipTo(terminal, ServerFrame.Direct.class);
      assertEquals(web, direct.from());
      assertEquals("text/plain", direct.file().contentType());
      assertArrayEquals(bytes, FileTransfers.get(direct.file().url()).body());
      var shown = waitForFile(browser, "secret.txt");
      assertEquals(onPage(direct.file().url()), shown.href());
      terminal.sendFrame("dm", "to", web, "text", "got it");
      browser.waitFor(
          d ->
              browser.<Boolean>script(
                  "return document.querySelector('#messages').textContent.includes('got it')"));
      assertEquals(
          1L,
          browser.<Long>script(
              "return [...document.querySelectorAll('#messages [data-testid=file]')]"
                  + ".filter(c => c.querySelector('.file-name').textContent === 'secret.txt')"
                  + ".length"),
          "the sender's copy from the server, shown once");
    }
  }

  @Test
  void aFileSharedFromATerminalShowsAsADownloadLink() {
    String room = Names.room("terminal");
    try (var browser = BrowserSession.open(server.httpAddress()).logIn(Names.nick("web"));
        var terminal = joined(browser, room)) {
      byte[] bytes = FileTransfers.bytes(300_000, 3);
      var slot = FilesE2eTest.slotIn(terminal, room, "report.pdf", "application/pdf", bytes);

      FileTransfers.uploadAll(slot, bytes);

      String url = skipTo(terminal, ServerFrame.Message.class).file().url();
      var shown = waitForFile(browser, "report.pdf");
      assertEquals(new FileShown("293 KiB", onPage(url), "report.pdf", false), shown);
      assertArrayEquals(bytes, FileTransfers.get(shown.href()).body());
      assertFalse(
          browser.<Boolean>script(
              "return document.querySelector('#messages [data-testid=file-preview]') !== null"),
          "a PDF gets no image preview");
    }
  }

  @Test
  void aFileThatExpiredSaysSoAndLinksNothing() {
    String room = Names.room("gone");
    try (var terminal = RawClient.login(shortLived.address(), Names.nick("tcp"))) {
      terminal.sendFrame("create", "room", room);
      terminal.expect(ServerFrame.Joined.class);
      byte[] bytes = FileTransfers.bytes(1_000, 5);
      var slot = FilesE2eTest.slotIn(terminal, room, "old.bin", "application/octet-stream", bytes);
      FileTransfers.uploadAll(slot, bytes);
      String url = skipTo(terminal, ServerFrame.Message.class).file().url();

      try (var browser = BrowserSession.open(shortLived.httpAddress()).logIn(Names.nick("web"))) {
        // 410 while the shelf still knows it, 404 once its sweep deleted it
        browser.waitFor(d -> FileTransfers.get(url).statusCode() != 200);
        browser.joinFromDirectory(room);

        assertEquals(new FileShown("1000 B", null, null, true), waitForFile(browser, "old.bin"));
        assertEquals(
            "expired: no longer on the server",
            browser.text("#messages [data-testid=file-expired]"));
      }
    }
  }

  /**
   * Sharing files, as a picture for the README: with {@code -Dparley.screenshot} it is written to
   * {@code docs/web-client-files.png}; without, only taken.
   */
  @Test
  void picturesSharingFiles() throws IOException {
    try (var browser = BrowserSession.open(server.httpAddress(), "1280,900").logIn("alice");
        var bob = RawClient.login(server.address(), "bob")) {
      browser.createRoom("trip", "Photos and plans from the weekend");
      bob.sendFrame("join", "room", "trip");
      bob.expect(ServerFrame.Joined.class);
      byte[] plan = FileTransfers.bytes(182_000, 7);
      FileTransfers.uploadAll(
          FilesE2eTest.slotIn(bob, "trip", "route and huts.pdf", "application/pdf", plan), plan);
      skipTo(bob, ServerFrame.Message.class);
      browser.attachFile(pick("ridge at dusk.png", picture(560, 300)));
      browser.waitForUpload("ridge at dusk.png", "done");
      // a second upload held after its first chunk, so that its bar stands part way
      browser.script(
          "const realFetch = window.fetch; let chunks = 0;"
              + " window.fetch = (url, options = {}) => options.method === 'PATCH' && chunks++ > 0"
              + " ? new Promise(() => {}) : realFetch(url, options);"
              + " return null;");
      browser.attachFile(pick("all photos.zip", FileTransfers.bytes(5 * MIB + 600_000, 8)));
      browser.waitFor(
          d -> browser.waitForUpload("all photos.zip", "sending").status().contains("left"));
      browser.attachFile(pick("the whole film.mp4", new byte[7 * MIB]));
      browser.waitForUpload("the whole film.mp4", "failed");
      browser.waitFor(
          d ->
              browser.<Long>script(
                      "const img = document.querySelector('[data-testid=file-preview]');"
                          + " return img && img.complete ? img.naturalWidth : 0;")
                  > 0);

      byte[] shot = browser.screenshot();
      assertEquals(
          "\u0089PNG", new String(shot, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
      if (System.getProperty("parley.screenshot") != null) {
        Files.write(Path.of("..", "docs", "web-client-files.png"), shot);
      }
    }
  }

  /** A picture of a ridge under an evening sky, for a preview worth looking at. */
  private static byte[] picture(int width, int height) throws IOException {
    var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var graphics = image.createGraphics();
    graphics.setPaint(
        new java.awt.GradientPaint(
            0, 0, new Color(0xff, 0x9a, 0x3c), 0, height, new Color(0x5a, 0x3c, 0xc8)));
    graphics.fillRect(0, 0, width, height);
    graphics.setColor(new Color(0x22, 0x1d, 0x3a));
    graphics.fillPolygon(
        new int[] {0, width / 5, width * 2 / 5, width * 3 / 5, width * 4 / 5, width, width, 0},
        new int[] {
          height * 3 / 4,
          height / 2,
          height * 2 / 3,
          height * 2 / 5,
          height * 3 / 5,
          height / 2,
          height,
          height
        },
        8);
    graphics.dispose();
    var png = new ByteArrayOutputStream();
    ImageIO.write(image, "png", png);
    return png.toByteArray();
  }

  /** A terminal's client in the room that the browser created, which the browser saw it join. */
  private static RawClient joined(BrowserSession browser, String room) {
    browser.createRoom(room, null);
    var terminal = RawClient.login(server.address(), Names.nick("tcp"));
    terminal.sendFrame("join", "room", room);
    terminal.expect(ServerFrame.Joined.class);
    return terminal;
  }

  private Path pick(String name, byte[] bytes) throws IOException {
    return Files.write(picked.resolve(name), bytes);
  }

  private static byte[] png(int width, int height) throws IOException {
    var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var graphics = image.createGraphics();
    graphics.setColor(new Color(0xf0, 0x80, 0x30));
    graphics.fillRect(0, 0, width, height);
    graphics.dispose();
    var png = new ByteArrayOutputStream();
    ImageIO.write(image, "png", png);
    return png.toByteArray();
  }

  /** {@code url}'s path on the page's own origin, where the page links a file. */
  private static String onPage(String url) {
    var http = server.httpAddress();
    return "http://" + http.getHostString() + ":" + http.getPort() + URI.create(url).getRawPath();
  }

  private static FileShown waitForFile(BrowserSession browser, String name) {
    return browser.waitFor(
        d -> {
          Map<String, Object> card =
              browser.script(
                  "const card = [...document.querySelectorAll('#messages [data-testid=file]')]"
                      + ".find(c => c.querySelector('.file-name').textContent === arguments[0]);"
                      + " if (!card) return null;"
                      + " const link = card.querySelector('[data-testid=file-link]');"
                      + " return { size: card.querySelector('[data-testid=file-size]').textContent,"
                      + " href: link && link.href, download: link && link.getAttribute('download'),"
                      + " expired: card.querySelector('[data-testid=file-expired]') !== null };",
                  name);
          return card == null
              ? null
              : new FileShown(
                  (String) card.get("size"),
                  (String) card.get("href"),
                  (String) card.get("download"),
                  (Boolean) card.get("expired"));
        });
  }

  // others' comings and goings are not what these tests are about
  private static <T extends ServerFrame> T skipTo(RawClient client, Class<T> type) {
    while (true) {
      ServerFrame frame = client.next();
      if (type.isInstance(frame)) {
        return type.cast(frame);
      }
    }
  }
}
