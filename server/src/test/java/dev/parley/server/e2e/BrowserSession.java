package dev.parley.server.e2e;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person at the web client: Debian's Chromium, headless, driven through its chromedriver, on a
 * page of the server's HTTP door. What a test does here is what a user does (type, press Enter,
 * click); what it reads is what the page shows. Test classes use it only when {@link #available()}.
 */
final class BrowserSession implements AutoCloseable {

  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final String MISSING =
      "needs Debian's chromium and chromium-driver packages: apt-get install -y chromium"
          + " chromium-driver";

  /** How long something the page should show may take to show. */
  static final Duration TIMEOUT = Duration.ofSeconds(15);

  private static final Duration POLL = Duration.ofMillis(50);
  private static final String DESKTOP = "1280,800";

  /** A room message as shown: its room, seq, sender and text. */
  record Message(String room, long seq, String from, String text) {}

  private final ChromeDriver driver;
  private final Path profile;
  private final WebDriverWait wait;

  private BrowserSession(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
    this.wait = new WebDriverWait(driver, TIMEOUT, POLL);
  }

  /** Whether this machine has the browser and its driver (the condition of the test classes). */
  static boolean available() {
    return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
  }

  /** A browser on a desktop-sized window with the client's page open. */
  static BrowserSession open(InetSocketAddress http) {
    return open(http, DESKTOP);
  }

  /** {@code windowSize}: "width,height" in CSS pixels. */
  static BrowserSession open(InetSocketAddress http, String windowSize) {
    // Selenium's own chatter about CDP versions is no part of a test's report
    Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
    Path profile;
    try {
      profile = Files.createTempDirectory("parley-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .withLogOutput(OutputStream.nullOutputStream())
            .build();
    var options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile,
        "--window-size=" + windowSize);
    ChromeDriver driver;
    try {
      driver = new ChromeDriver(service, options);
    } catch (RuntimeException e) {
      service.stop();
      deleteTree(profile);
      throw e;
    }
    var session = new BrowserSession(driver, profile);
    driver.get("http://" + http.getHostString() + ":" + http.getPort() + "/");
    session.waitFor(d -> d.findElement(By.id("nick")).isDisplayed());
    return session;
  }

  // --- logging in

  /** Logs in as {@code nick}, a guest, and waits until the chat shows with the lobby. */
  BrowserSession logIn(String nick) {
    return logIn(nick, null);
  }

  BrowserSession logIn(String nick, String password) {
    tryLogIn(nick, password);
    waitUntilOnline();
    waitFor(d -> nick.equals(text("#me-nick")));
    return this;
  }

  /** Fills the login form and submits it, without waiting for the outcome. */
  void tryLogIn(String nick, String password) {
    replaceText(By.id("nick"), nick);
    replaceText(By.id("password"), password == null ? "" : password);
    driver.findElement(By.id("connect")).click();
  }

  /** The sentence the login form shows once a login was refused. */
  String loginError() {
    return waitFor(d -> blankToNull(text("#login-error")));
  }

  void waitUntilOnline() {
    waitFor(d -> "connected".equals(attribute("#status", "data-state")));
  }

  /** The connection's state as the page shows it: connecting, connected, waiting, ended. */
  String connectionState() {
    return attribute("#status", "data-state");
  }

  // --- writing

  /**
   * Types {@code line} into the message box and presses Enter: text, or a /command. A newline in it
   * is typed as Shift+Enter, as a person starts a new line.
   */
  void send(String line) {
    WebElement composer = driver.findElement(By.id("composer-input"));
    composer.click();
    String[] lines = line.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        composer.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
      }
      composer.sendKeys(lines[i]);
    }
    composer.sendKeys(Keys.ENTER);
    waitFor(d -> composer.getAttribute("value").isEmpty());
  }

  /** Says {@code text} in the open room and waits until its echo shows. */
  Message say(String text) {
    String room = currentConversation();
    send(text);
    return waitForMessage(room.substring(1), text);
  }

  // --- rooms and conversations

  /** Creates a room with the form of the rooms dialog, and waits until it is open. */
  void createRoom(String room, String topic) {
    click(By.id("browse-rooms"));
    waitFor(d -> d.findElement(By.id("rooms-dialog")).isDisplayed());
    replaceText(By.id("create-name"), room);
    replaceText(By.id("create-topic"), topic == null ? "" : topic);
    click(By.cssSelector("[data-testid=create-submit]"));
    waitForConversation("#" + room);
  }

  /** Joins a room from the list of the rooms dialog, and waits until it is open. */
  void joinFromDirectory(String room) {
    click(By.id("browse-rooms"));
    click(By.cssSelector("#room-directory button[data-room='" + room + "']"));
    waitForConversation("#" + room);
  }

  /** Opens a room of the sidebar's list. */
  void openRoom(String room) {
    click(By.cssSelector("#room-list button[data-room='" + room + "']"));
    waitForConversation("#" + room);
  }

  /** Opens the conversation with {@code nick} of the sidebar's list. */
  void openDirect(String nick) {
    click(By.cssSelector("#dm-list button[data-peer='" + nick + "']"));
    waitForConversation("@" + nick);
  }

  /** The title of the open conversation: #room or @nick. */
  String currentConversation() {
    return text("#conversation-title");
  }

  void waitForConversation(String title) {
    waitFor(d -> title.equals(currentConversation()));
  }

  /** The unread count the sidebar shows for a room or conversation ("" for none). */
  String unread(String listSelector) {
    return driver.findElement(By.cssSelector(listSelector + " [data-testid=unread]")).getText();
  }

  /** The open room's members pane, as shown. */
  List<String> members() {
    return script(
        "return [...document.querySelectorAll('#members [data-testid=member]')].map(m =>"
            + " m.dataset.nick)");
  }

  void waitForMember(String nick, boolean present) {
    waitFor(d -> members().contains(nick) == present);
  }

  // --- reading

  /** The room messages shown in the open conversation, top to bottom. */
  List<Message> messages() {
    List<Map<String, Object>> shown =
        script(
            "return [...document.querySelectorAll('#messages [data-testid=message]')].map(m => ({"
                + " room: m.dataset.room, seq: Number(m.dataset.seq),"
                + " from: m.querySelector('[data-testid=from]').textContent,"
                + " text: m.querySelector('[data-testid=text]').textContent }))");
    return shown.stream()
        .map(
            m ->
                new Message(
                    (String) m.get("room"),
                    ((Number) m.get("seq")).longValue(),
                    (String) m.get("from"),
                    (String) m.get("text")))
        .toList();
  }

  /**
   * Waits until the open conversation shows a message of {@code room} with exactly {@code text}.
   */
  Message waitForMessage(String room, String text) {
    return waitFor(
        d ->
            messages().stream()
                .filter(m -> m.room().equalsIgnoreCase(room) && m.text().equals(text))
                .findFirst()
                .orElse(null));
  }

  /**
   * Waits until the open conversation shows a line (message, notice, error) holding {@code text}.
   */
  WebElement waitForLine(String text) {
    return waitFor(
        d ->
            d.findElements(By.cssSelector("#messages .log > li")).stream()
                .filter(line -> line.getText().contains(text))
                .findFirst()
                .orElse(null));
  }

  /** Scrolls the open conversation to its top, as a reader who wants older messages does. */
  void scrollToTop() {
    script("document.getElementById('messages').scrollTop = 0; return null");
  }

  boolean alertShown() {
    try {
      driver.switchTo().alert();
      return true;
    } catch (NoAlertPresentException none) {
      return false;
    }
  }

  // --- sharing files

  /** An upload in the tray as shown: hashing, asking, sending, done, failed or cancelled. */
  record Upload(String name, String state, String status) {}

  /** Picks {@code file} in the attach button's file input, as the browser's file dialog does. */
  void attachFile(Path file) {
    driver.findElement(By.id("file-input")).sendKeys(file.toAbsolutePath().toString());
  }

  /** Waits until the tray shows the upload of {@code name} in {@code state}. */
  Upload waitForUpload(String name, String state) {
    return waitFor(
        d -> {
          List<Map<String, String>> rows =
              script(
                  "return [...document.querySelectorAll('#uploads [data-testid=upload]')].map(u =>"
                      + " ({ name: u.querySelector('[data-testid=upload-name]').textContent,"
                      + " state: u.dataset.state || '',"
                      + " status: u.querySelector('[data-testid=upload-status]').textContent }))");
          return rows.stream()
              .map(row -> new Upload(row.get("name"), row.get("state"), row.get("status")))
              .filter(upload -> upload.name().equals(name) && upload.state().equals(state))
              .findFirst()
              .orElse(null);
        });
  }

  // --- the page as a whole

  byte[] screenshot() {
    return driver.getScreenshotAs(OutputType.BYTES);
  }

  WebDriver driver() {
    return driver;
  }

  <T> T waitFor(Function<WebDriver, T> condition) {
    return wait.until(condition);
  }

  /** Waits until the page shows the element, then clicks it. */
  void click(By by) {
    waitFor(d -> d.findElement(by).isDisplayed() && d.findElement(by).isEnabled());
    driver.findElement(by).click();
  }

  String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText();
  }

  String attribute(String css, String name) {
    return driver.findElement(By.cssSelector(css)).getAttribute(name);
  }

  void replaceText(By by, String text) {
    WebElement input = driver.findElement(by);
    input.clear();
    if (!text.isEmpty()) {
      input.sendKeys(text);
    }
  }

  @SuppressWarnings("unchecked")
  <T> T script(String script, Object... args) {
    return (T) ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Ends the browser and its driver, and removes the browser's profile. */
  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteTree(profile);
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temporary profile left behind is no failure of the test
    }
  }
}
