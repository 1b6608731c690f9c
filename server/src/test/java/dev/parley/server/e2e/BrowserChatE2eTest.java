package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ServerFrame;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The web client in a real browser, as people use it: chatting with each other and with a
 * terminal's client, reading back history, mail that waited, text that stays text, and logins the
 * page explains when the server refuses them.
 */
@ExtendWith(LogCapturingExtension.class)
@EnabledIf(
    value = "dev.parley.server.e2e.BrowserSession#available",
    disabledReason = BrowserSession.MISSING)
class BrowserChatE2eTest {

  // a terminal's client posts a room's history at once
  @RegisterExtension static final RunningServer server = new RunningServer("e2e-fast-flood");

  private static final String XSS = "<img src=x onerror=alert(1)>";

  @Test
  void twoBrowsersChatInARoom() {
    String room = Names.room("tea");
    String alice = Names.nick("alice");
    String bob = Names.nick("bob");
    try (var first = BrowserSession.open(server.httpAddress()).logIn(alice);
        var second = BrowserSession.open(server.httpAddress()).logIn(bob)) {
      first.createRoom(room, "Green or black?");
      second.joinFromDirectory(room);
      assertEquals("Green or black?", second.text("#topic"));
      first.waitForLine(bob + " joined");
      first.waitForMember(bob, true);

      first.say("Green, always.");
      var heard = second.waitForMessage(room, "Green, always.");
      assertEquals(alice, heard.from());
      second.say("Black for me\nwith milk");
      var reply = first.waitForMessage(room, "Black for me\nwith milk");

      assertEquals(List.of(alice, bob), second.members());
      assertEquals(heard.seq() + 1, reply.seq(), "each browser sees the room's order");
      assertEquals(second.messages(), first.messages());
    }
  }

  @Test
  void aBrowserAndATcpClientSeeEachOther() {
    String room = Names.room("mixed");
    String web = Names.nick("web");
    String tcp = Names.nick("tcp");
    try (var terminal = RawClient.login(server.address(), tcp);
        var browser = BrowserSession.open(server.httpAddress()).logIn(web)) {
      terminal.sendFrame("create", "room", room);
      terminal.expect(ServerFrame.Joined.class);
      browser.send("/join " + room);
      browser.waitForConversation("#" + room);
      browser.waitForMember(tcp, true);

      browser.say("hello from the browser");
      var heard = nextMessage(terminal);
      assertEquals(List.of(web, "hello from the browser"), List.of(heard.from(), heard.text()));

      terminal.sendFrame("say", "room", room, "text", "hello from a terminal");
      var shown = browser.waitForMessage(room, "hello from a terminal");
      assertEquals(tcp, shown.from());
      assertEquals(heard.seq() + 1, shown.seq());

      terminal.sendFrame("leave", "room", room);
      browser.waitForMember(tcp, false);
      browser.waitForLine(tcp + " left");
    }
  }

  @Test
  void joiningShowsTheReplayAndScrollingUpLoadsOlderHistory() {
    String room = Names.room("archive");
    int count = 120;
    try (var poster = RawClient.login(server.address(), Names.nick("poster"));
        var reader = BrowserSession.open(server.httpAddress()).logIn(Names.nick("reader"))) {
      poster.sendFrame("create", "room", room);
      poster.expect(ServerFrame.Joined.class);
      Posting.post(poster, room, count);

      reader.send("/join " + room);
      reader.waitForMessage(room, Posting.text(count));
      List<Long> replayed = seqs(reader);
      assertEquals(LongStream.rangeClosed(count - 49, count).boxed().toList(), replayed);

      reader.scrollToTop();
      reader.waitFor(d -> seqs(reader).size() == 100);
      reader.scrollToTop();
      reader.waitFor(d -> seqs(reader).get(0) == 1);
      reader.waitFor(d -> d.findElement(By.id("history-start")).isDisplayed());

      assertEquals(LongStream.rangeClosed(1, count).boxed().toList(), seqs(reader));
      assertEquals(Posting.text(1), reader.messages().get(0).text());
    }
  }

  @Test
  void aDirectMessageToAnOfflineAccountIsShownWhenItLogsIn() {
    String dave = Names.nick("dave");
    String password = "dave's long password";
    String alice = Names.nick("alice");
    try (var account = RawClient.login(server.address(), dave)) {
      account.sendFrame("register", "password", password);
      account.expect(ServerFrame.Ok.class);
    }
    try (var sender = BrowserSession.open(server.httpAddress()).logIn(alice)) {
      sender.click(By.id("new-dm"));
      sender.replaceText(By.id("dm-nick"), dave);
      sender.click(By.cssSelector("[data-testid=dm-open]"));
      sender.waitForConversation("@" + dave);
      sender.send("Lunch tomorrow?");
      WebElement sent = sender.waitForLine("Lunch tomorrow?");
      assertTrue(
          sent.findElement(By.cssSelector("[data-testid=flag-stored]")).getText().contains(dave),
          sent.getText());
    }
    try (var recipient = BrowserSession.open(server.httpAddress()).logIn(dave, password)) {
      recipient.waitFor(d -> "1".equals(recipient.unread("#dm-list [data-peer='" + alice + "']")));
      recipient.openDirect(alice);
      WebElement mail = recipient.waitForLine("Lunch tomorrow?");
      assertEquals(
          "sent while you were away",
          mail.findElement(By.cssSelector("[data-testid=flag-offline]")).getText());
      assertEquals(alice, mail.findElement(By.cssSelector("[data-testid=from]")).getText());
      assertEquals("", recipient.unread("#dm-list [data-peer='" + alice + "']"));
    }
  }

  @Test
  void markupInAMessageStaysText() {
    String room = Names.room("markup");
    String link = "see https://example.org/a?b=1 and javascript:alert(2)";
    try (var writer = BrowserSession.open(server.httpAddress()).logIn(Names.nick("writer"));
        var reader = BrowserSession.open(server.httpAddress()).logIn(Names.nick("reader"))) {
      writer.createRoom(room, XSS);
      reader.send("/join " + room);
      reader.waitForConversation("#" + room);
      writer.say(XSS);
      writer.say(link);

      var shown = reader.waitForMessage(room, XSS);
      reader.waitForMessage(room, link);
      assertEquals(XSS, shown.text());
      assertEquals(XSS, reader.text("#topic"));
      assertEquals(
          List.of(), reader.driver().findElements(By.cssSelector("#messages img, #topic img")));
      assertFalse(reader.alertShown(), "no script of a message ran");
      List<WebElement> links = reader.driver().findElements(By.cssSelector("#messages a"));
      assertEquals(1, links.size(), "only the https URL is a link");
      assertEquals("https://example.org/a?b=1", links.get(0).getAttribute("href"));
      assertEquals("_blank", links.get(0).getAttribute("target"));
      assertEquals("noopener noreferrer", links.get(0).getAttribute("rel"));
    }
  }

  @Test
  void aTakenNickAndAWrongPasswordAreExplainedOnScreen() {
    String held = Names.nick("held");
    String owner = Names.nick("owner");
    try (var holder = RawClient.login(server.address(), held);
        var account = RawClient.login(server.address(), owner)) {
      account.sendFrame("register", "password", "the right password");
      account.expect(ServerFrame.Ok.class);
      account.sendFrame("quit");
      account.expectBye(dev.parley.protocol.DepartureReason.QUIT);

      try (var browser = BrowserSession.open(server.httpAddress())) {
        browser.tryLogIn(held, null);
        assertEquals(
            "Someone online is using that nick right now. Pick another one.", browser.loginError());

        browser.tryLogIn(owner, null);
        assertEquals(
            "That nick is a registered account: enter its password.", browser.loginError());

        browser.tryLogIn(owner, "a wrong password");
        assertTrue(browser.loginError().startsWith("Wrong password"), browser.loginError());

        browser.tryLogIn(owner, "the right password");
        browser.waitUntilOnline();
        assertEquals(owner, browser.text("#me-nick"));
      }
    }
  }

  @Test
  void anAccountLoggedInElsewhereIsTakenOverOnlyWhenAsked() {
    String nick = Names.nick("twice");
    String password = "one account, two tabs";
    try (var first = BrowserSession.open(server.httpAddress()).logIn(nick);
        var second = BrowserSession.open(server.httpAddress())) {
      first.click(By.id("open-register"));
      first.replaceText(By.id("register-password"), password);
      first.replaceText(By.id("register-again"), password);
      first.click(By.cssSelector("[data-testid=register-submit]"));
      first.waitForLine(nick + " is now an account");

      second.tryLogIn(nick, password);
      assertEquals(
          "This account is logged in somewhere else right now (another tab or device).",
          second.loginError());
      second.click(By.id("take-over"));
      second.waitUntilOnline();

      first.waitFor(d -> d.findElement(By.id("ended")).isDisplayed());
      assertEquals(
          "You logged in with this nick somewhere else, which took over this session.",
          first.text("#ended-text"));
      assertEquals("ended", first.connectionState(), "a replaced page does not reconnect");
    }
  }

  @Test
  void aKickedPageSaysWhyAndStaysOut() {
    String nick = Names.nick("rowdy");
    try (var browser = BrowserSession.open(server.httpAddress()).logIn(nick)) {
      server.kick(nick, "cool down for a minute");
      browser.waitFor(d -> d.findElement(By.id("ended")).isDisplayed());
      assertEquals(
          "An operator disconnected you. Cool down for a minute.", browser.text("#ended-text"));
      assertEquals("ended", browser.connectionState());
    }
  }

  @Test
  void worksOnAPhoneSizedScreenWithTheKeyboardAlone() {
    String room = Names.room("phone");
    try (var phone = BrowserSession.open(server.httpAddress(), "420,860")) {
      var nick = phone.driver().switchTo().activeElement();
      nick.sendKeys(Names.nick("thumbs"), Keys.ENTER);
      phone.waitUntilOnline();
      assertFalse(
          phone.driver().findElement(By.id("room-list")).isDisplayed(), "rooms tucked away");

      var composer = phone.driver().switchTo().activeElement();
      assertEquals("composer-input", composer.getAttribute("id"), "the message box has the focus");
      composer.sendKeys("/create " + room, Keys.ENTER);
      phone.waitForConversation("#" + room);
      phone.driver().switchTo().activeElement().sendKeys("typed, not clicked", Keys.ENTER);
      phone.waitForMessage(room, "typed, not clicked");

      phone.driver().switchTo().activeElement().sendKeys(Keys.chord(Keys.ALT, Keys.ARROW_UP));
      phone.waitForConversation("#lobby");
      for (int i = 0; i < 20 && !"open-sidebar".equals(focused(phone)); i++) {
        phone.driver().switchTo().activeElement().sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
      }
      phone.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
      phone.waitFor(d -> d.findElement(By.id("room-list")).isDisplayed());
      assertEquals("close-sidebar", focused(phone), "the opened panel has the focus");
      phone.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
      phone.waitFor(d -> !d.findElement(By.id("room-list")).isDisplayed());
    }
  }

  private static String focused(BrowserSession browser) {
    return browser.driver().switchTo().activeElement().getAttribute("id");
  }

  private static List<Long> seqs(BrowserSession browser) {
    return browser.messages().stream().map(BrowserSession.Message::seq).toList();
  }

  private static ServerFrame.Message nextMessage(RawClient client) {
    while (true) {
      if (client.next() instanceof ServerFrame.Message message) {
        return message;
      }
    }
  }
}
