package dev.parley.server.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.account.Account;
import dev.parley.server.account.PasswordHasher;
import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.persistence.FailedWrite;
import dev.parley.server.persistence.InMemoryJournal;
import dev.parley.server.settings.AccountSettings;
import dev.parley.server.settings.NickSettings;
import dev.parley.server.settings.PresenceSettings;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class DirectoryTest {

  private static final String ADDRESS = "192.0.2.1";
  private static final String PASSWORD = "correct horse";

  @JUnit5TestKit
  public ActorTestKit testKit =
      new JUnit5TestKitBuilder().withCustomConfig(InMemoryJournal.over("directory-test")).build();

  private final AccountSettings accountSettings =
      AccountSettings.fromConfig(ConfigFactory.load("directory-test"));
  private final String aliceHash = new PasswordHasher(accountSettings.argon2()).hash(PASSWORD);

  private ActorRef<Directory.Command> directory(AccountSettings accounts, int rememberedUsers) {
    return directory(accounts, rememberedUsers, List.of(new Account("Alice", aliceHash, Set.of())));
  }

  private ActorRef<Directory.Command> directory(
      AccountSettings accounts, int rememberedUsers, List<Account> listedAccounts) {
    return testKit.spawn(
        Directory.create(
            new NickSettings(Set.of("admin"), "Guest"),
            accounts,
            new PresenceSettings(rememberedUsers),
            listedAccounts,
            1000,
            ServerMetrics.chatOnly()));
  }

  private ActorRef<Directory.Command> directory() {
    return directory(accountSettings, 10);
  }

  private TestProbe<Directory.Event> claim(
      ActorRef<Directory.Command> directory, String nick, String password) {
    TestProbe<Directory.Event> session = testKit.createTestProbe();
    directory.tell(
        new Directory.Claim(nick, password, ADDRESS, session.getRef(), FrameId.of(1), false));
    return session;
  }

  /** A claim of {@code nick} that takes it over from a session that holds it. */
  private TestProbe<Directory.Event> takeOver(
      ActorRef<Directory.Command> directory, String nick, String password) {
    TestProbe<Directory.Event> session = testKit.createTestProbe();
    directory.tell(
        new Directory.Claim(nick, password, ADDRESS, session.getRef(), FrameId.of(1), true));
    return session;
  }

  private TestProbe<Directory.Event> loggedIn(
      ActorRef<Directory.Command> directory, String nick, String password) {
    var session = claim(directory, nick, password);
    session.expectMessageClass(Directory.Claimed.class);
    return session;
  }

  private static ServerFrame.Error error(TestProbe<Directory.Event> session) {
    return assertInstanceOf(
        ServerFrame.Error.class, session.expectMessageClass(Directory.Answer.class).frame());
  }

  private static <T extends ServerFrame> T answer(
      TestProbe<Directory.Event> session, Class<T> type) {
    return assertInstanceOf(type, session.expectMessageClass(Directory.Answer.class).frame());
  }

  private List<ServerFrame.UserPresence> listUsers(
      ActorRef<Directory.Command> directory, Long sinceSeconds) {
    TestProbe<Directory.Event> asker = testKit.createTestProbe();
    directory.tell(new Directory.ListUsers(sinceSeconds, FrameId.of(1), asker.getRef()));
    return answer(asker, ServerFrame.Users.class).users();
  }

  @Test
  void givesANickToTheFirstToClaimItInAnyCase() {
    var directory = directory();
    var claimed = claim(directory, "Bob", null).expectMessageClass(Directory.Claimed.class);
    assertEquals("Bob", claimed.nick());
    assertEquals(Set.of(), claimed.blocked());
    assertEquals(List.of(), claimed.mail());
    assertEquals(FrameId.of(1), claimed.re());
    assertEquals(ErrorCode.NICK_TAKEN, error(claim(directory, "BOB", null)).code());
  }

  @Test
  void claimsAnOperatorLoggedInWithThePasswordOfItsListedAccountAsAnOperator() {
    var operators = AccountSettings.fromConfig(ConfigFactory.load("directory-operators-test"));
    var directory = directory(operators, 10);
    assertTrue(
        claim(directory, "ALICE", PASSWORD).expectMessageClass(Directory.Claimed.class).operator());
    assertFalse(
        claim(directory, "bob", null).expectMessageClass(Directory.Claimed.class).operator());
  }

  @Test
  void claimsAListedAccountThatIsNoOperatorAsNone() {
    var directory = directory();
    assertFalse(
        claim(directory, "alice", PASSWORD).expectMessageClass(Directory.Claimed.class).operator());
  }

  @Test
  void numbersALaterLoginOfANickHigher() {
    var directory = directory();
    var first = claim(directory, "alice", PASSWORD).expectMessageClass(Directory.Claimed.class);
    var later = takeOver(directory, "alice", PASSWORD).expectMessageClass(Directory.Claimed.class);
    assertTrue(later.login() > first.login());
  }

  @Test
  void picksTheLowestFreeGuestNickThatIsNoAccount() {
    var directory = directory(accountSettings, 10);
    assertEquals(
        "Guest1", claim(directory, null, null).expectMessageClass(Directory.Claimed.class).nick());
    loggedIn(directory, "guest2", null);
    assertEquals(
        "Guest3", claim(directory, null, null).expectMessageClass(Directory.Claimed.class).nick());
  }

  @Test
  void freesANickWhenReleased() {
    var directory = directory();
    var bob = loggedIn(directory, "bob", null);
    directory.tell(new Directory.Release("BOB", bob.getRef()));
    loggedIn(directory, "bob", null);
  }

  @Test
  void givesANickToATakeOverWithTheRightPasswordAndReplacesTheSessionThatHeldIt() {
    var directory = directory();
    var before = loggedIn(directory, "alice", PASSWORD);
    var after = takeOver(directory, "Alice", PASSWORD);
    assertEquals("Alice", after.expectMessageClass(Directory.Claimed.class).nick());
    before.expectMessage(Directory.Replaced.INSTANCE);
    // the replaced session ends as any does: that leaves the nick to the one that took it over
    directory.tell(new Directory.Release("alice", before.getRef()));
    assertEquals(ErrorCode.NICK_TAKEN, error(claim(directory, "alice", PASSWORD)).code());
    var bob = loggedIn(directory, "bob", null);
    directory.tell(new Directory.SendDirect("bob", "alice", "hi", FrameId.of(2), bob.getRef()));
    assertEquals("hi", after.expectMessageClass(Directory.DirectReceived.class).frame().text());
  }

  @Test
  void keepsTheMailForTheSessionThatTookTheNickOverFromOneBeforeItsWelcome() {
    var directory = directory();
    var bob = loggedIn(directory, "bob", null);
    directory.tell(new Directory.SendDirect("bob", "alice", "one", FrameId.of(1), bob.getRef()));
    answer(bob, ServerFrame.Direct.class);
    var before = loggedIn(directory, "alice", PASSWORD);
    var after = takeOver(directory, "alice", PASSWORD);
    assertEquals(1, after.expectMessageClass(Directory.Claimed.class).mail().size());
    before.expectMessage(Directory.Replaced.INSTANCE);
    // the replaced session asks for the mail it was given: it is no longer its to take
    directory.tell(new Directory.TakeMail("alice", 1, before.getRef()));
    before.expectNoMessage(Duration.ofMillis(100));
    // and the one that took over is gone before its welcome too
    directory.tell(new Directory.Release("alice", after.getRef()));
    assertEquals(
        1,
        claim(directory, "alice", PASSWORD)
            .expectMessageClass(Directory.Claimed.class)
            .mail()
            .size());
  }

  @Test
  void keepsTheUserOnlineAndTheOnesWhoLeftWhenANickIsTakenOver() {
    var directory = directory(accountSettings, 2);
    for (String nick : List.of("a1", "a2")) {
      var session = loggedIn(directory, nick, null);
      directory.tell(new Directory.Release(nick, session.getRef()));
    }
    loggedIn(directory, "alice", PASSWORD);
    takeOver(directory, "alice", PASSWORD).expectMessageClass(Directory.Claimed.class);
    var lately = listUsers(directory, 3600L);
    assertEquals(
        List.of("Alice", "a1", "a2"),
        lately.stream().map(ServerFrame.UserPresence::nick).sorted().toList());
  }

  @Test
  void refusesATakeOverWithAWrongPasswordAndLeavesTheSessionThatHoldsTheNick() {
    var directory = directory();
    var holder = loggedIn(directory, "alice", PASSWORD);
    assertEquals(
        ErrorCode.AUTH_FAILED, error(takeOver(directory, "alice", "wrong password")).code());
    assertEquals(ErrorCode.AUTH_FAILED, error(takeOver(directory, "alice", null)).code());
    holder.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void neverTakesAGuestNickOver() {
    var directory = directory();
    var guest = loggedIn(directory, "bob", null);
    assertEquals(ErrorCode.NICK_TAKEN, error(takeOver(directory, "bob", null)).code());
    guest.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void freesTheNickOfASessionThatStopped() {
    var directory = directory();
    var session = loggedIn(directory, "bob", null);
    session.stop();
    session.awaitAssert(
        () -> {
          claim(directory, "bob", null).expectMessageClass(Directory.Claimed.class);
          return null;
        });
  }

  @Test
  void logsAnAccountInWithItsPassword() {
    var directory = directory();
    assertEquals(
        "Alice",
        claim(directory, "alice", PASSWORD).expectMessageClass(Directory.Claimed.class).nick());
  }

  @Test
  void refusesAnAccountWithoutItsPassword() {
    var directory = directory();
    assertEquals(ErrorCode.AUTH_FAILED, error(claim(directory, "alice", null)).code());
    assertEquals(ErrorCode.AUTH_FAILED, error(claim(directory, "alice", "wrong password")).code());
  }

  @Test
  void refusesAPasswordForANickWithoutAccount() {
    var directory = directory();
    assertEquals(ErrorCode.AUTH_FAILED, error(claim(directory, "bob", "some password")).code());
  }

  @Test
  void locksAnAccountOutAfterTooManyFailuresEvenForTheRightPassword() {
    var directory = directory();
    for (int i = 0; i < 3; i++) {
      assertEquals(
          ErrorCode.AUTH_FAILED, error(claim(directory, "alice", "wrong password")).code());
    }
    var lockedOut = error(claim(directory, "alice", PASSWORD));
    assertEquals(ErrorCode.LOCKED_OUT, lockedOut.code());
    assertNotNull(lockedOut.retryAfterS());
    assertTrue(lockedOut.retryAfterS() >= 1);
  }

  @Test
  void letsALockedOutAccountInOnceTheLockoutIsOver() {
    var directory = directory();
    for (int i = 0; i < 3; i++) {
      error(claim(directory, "alice", "wrong password"));
    }
    var session = testKit.createTestProbe();
    session.awaitAssert(
        Duration.ofSeconds(5),
        () -> {
          claim(directory, "alice", PASSWORD).expectMessageClass(Directory.Claimed.class);
          return null;
        });
  }

  @Test
  void locksAnAddressOutAfterTooManyFailuresAcrossAccounts() {
    var directory = directory();
    for (String nick : List.of("n1", "n2", "n3", "n4", "n5")) {
      assertEquals(ErrorCode.AUTH_FAILED, error(claim(directory, nick, "guessing")).code());
    }
    assertEquals(ErrorCode.LOCKED_OUT, error(claim(directory, "alice", PASSWORD)).code());
  }

  @Test
  void checksNoMorePasswordsOfAnAddressAtOnceThanItMayStillFail() {
    var nicks = List.of("n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8");
    var directory =
        directory(
            accountSettings,
            10,
            nicks.stream().map(nick -> new Account(nick, aliceHash, Set.of())).toList());
    var guesses = nicks.stream().map(nick -> claim(directory, nick, "guessing")).toList();

    var codes = guesses.stream().map(guess -> error(guess).code()).toList();
    // five failures per address lock it out; the other guesses are not even checked
    assertEquals(5, codes.stream().filter(ErrorCode.AUTH_FAILED::equals).count(), codes.toString());
    assertEquals(3, codes.stream().filter(ErrorCode.LOCKED_OUT::equals).count(), codes.toString());
  }

  @Test
  void refusesAnAddressMoreAccountsThanItMayRegisterWithinTheWindow() {
    var twoPerAddress =
        AccountSettings.fromConfig(
            ConfigFactory.parseString("parley.accounts.registrations-per-address = 2")
                .withFallback(ConfigFactory.load("directory-test")));
    var directory = directory(twoPerAddress, 10);
    for (String nick : List.of("bob", "carol")) {
      var session = loggedIn(directory, nick, null);
      directory.tell(new Directory.Register(nick, PASSWORD, ADDRESS, null, session.getRef()));
      answer(session, ServerFrame.Ok.class);
    }

    var dave = loggedIn(directory, "dave", null);
    directory.tell(new Directory.Register("dave", PASSWORD, ADDRESS, FrameId.of(3), dave.getRef()));
    var error = error(dave);
    assertEquals(ErrorCode.REGISTRATION_CLOSED, error.code());
    assertTrue(error.message().contains("try again in 60 min"), error.message());
    var erin = loggedIn(directory, "erin", null);
    directory.tell(new Directory.Register("erin", PASSWORD, "192.0.2.2", null, erin.getRef()));
    answer(erin, ServerFrame.Ok.class);
  }

  @Test
  void admitsNoGuestsWhenGuestsAreOff() {
    var noGuests = AccountSettings.fromConfig(ConfigFactory.load("directory-no-guests-test"));
    var directory = directory(noGuests, 10);
    assertEquals(ErrorCode.AUTH_FAILED, error(claim(directory, "bob", null)).code());
    assertEquals(ErrorCode.AUTH_FAILED, error(claim(directory, null, null)).code());
    assertEquals(
        ErrorCode.REGISTRATION_CLOSED, registerError(directory, "alice", PASSWORD, "Alice"));
  }

  private ErrorCode registerError(
      ActorRef<Directory.Command> directory, String nick, String password, String as) {
    var session = loggedIn(directory, nick, password);
    directory.tell(
        new Directory.Register(as, "another password", ADDRESS, FrameId.of(2), session.getRef()));
    return error(session).code();
  }

  @Test
  void registersTheCurrentNickSoThatItNeedsThePasswordFromThenOn() {
    var directory = directory();
    var bob = loggedIn(directory, "bob", null);
    directory.tell(
        new Directory.Register("bob", "bobs password", ADDRESS, FrameId.of(2), bob.getRef()));
    assertEquals(new ServerFrame.Ok(FrameId.of(2)), answer(bob, ServerFrame.Ok.class));
    directory.tell(new Directory.Release("bob", bob.getRef()));
    assertEquals(ErrorCode.AUTH_FAILED, error(claim(directory, "bob", null)).code());
    claim(directory, "bob", "bobs password").expectMessageClass(Directory.Claimed.class);
  }

  @Test
  void refusesToRegisterAnAccountAgain() {
    var directory = directory();
    assertEquals(
        ErrorCode.ALREADY_REGISTERED, registerError(directory, "alice", PASSWORD, "Alice"));
  }

  @Test
  void deliversADirectMessageToWhoIsOnlineAndEchoesIt() {
    var directory = directory();
    var bob = loggedIn(directory, "bob", null);
    var carol = loggedIn(directory, "carol", null);
    directory.tell(new Directory.SendDirect("bob", "CAROL", "psst", FrameId.of(3), bob.getRef()));
    var echo = answer(bob, ServerFrame.Direct.class);
    assertEquals(FrameId.of(3), echo.re());
    assertEquals("carol", echo.to());
    var received = carol.expectMessageClass(Directory.DirectReceived.class).frame();
    assertEquals(
        new ServerFrame.Direct(null, "bob", "carol", "psst", echo.ts(), null, null), received);
  }

  @Test
  void keepsDirectMessagesForAnOfflineAccountAndHandsThemOverInOrderAtLogin() {
    var directory = directory();
    var bob = loggedIn(directory, "bob", null);
    directory.tell(new Directory.SendDirect("bob", "alice", "one", FrameId.of(1), bob.getRef()));
    assertEquals(Boolean.TRUE, answer(bob, ServerFrame.Direct.class).stored());
    directory.tell(new Directory.SendDirect("bob", "alice", "two", FrameId.of(2), bob.getRef()));
    answer(bob, ServerFrame.Direct.class);

    var claimed = claim(directory, "alice", PASSWORD).expectMessageClass(Directory.Claimed.class);
    assertEquals(
        List.of("one", "two"), claimed.mail().stream().map(ServerFrame.Direct::text).toList());
    assertTrue(claimed.mail().stream().allMatch(mail -> Boolean.TRUE.equals(mail.offline())));
  }

  @Test
  void refusesMailBeyondTheMailboxSize() {
    var directory = directory();
    var bob = loggedIn(directory, "bob", null);
    for (int i = 0; i < accountSettings.mailboxSize(); i++) {
      directory.tell(new Directory.SendDirect("bob", "alice", "m" + i, null, bob.getRef()));
      answer(bob, ServerFrame.Direct.class);
    }
    directory.tell(new Directory.SendDirect("bob", "alice", "one more", null, bob.getRef()));
    assertEquals(ErrorCode.MAILBOX_FULL, error(bob).code());
  }

  @Test
  void refusesDirectMessagesToNobodyToAnOfflineGuestAndToOneself() {
    var directory = directory();
    var bob = loggedIn(directory, "bob", null);
    directory.tell(new Directory.SendDirect("bob", "nobody", "hi", null, bob.getRef()));
    assertEquals(ErrorCode.NO_SUCH_USER, error(bob).code());
    directory.tell(new Directory.SendDirect("bob", "BOB", "hi", null, bob.getRef()));
    assertEquals(ErrorCode.SELF, error(bob).code());
  }

  @Test
  void refusesDirectMessagesFromWhomTheRecipientBlocks() {
    var directory = directory();
    var bob = loggedIn(directory, "bob", null);
    var carol = loggedIn(directory, "carol", null);
    directory.tell(new Directory.Block("carol", "Bob", FrameId.of(4), carol.getRef()));
    assertEquals(new Directory.BlocksChanged(Set.of("bob"), FrameId.of(4)), carol.receiveMessage());
    directory.tell(new Directory.SendDirect("bob", "carol", "hi", null, bob.getRef()));
    assertEquals(ErrorCode.BLOCKED, error(bob).code());
  }

  @Test
  void keepsTheBlocksOfAnAccountAcrossLogins() {
    var directory = directory();
    loggedIn(directory, "bob", null);
    var alice = loggedIn(directory, "alice", PASSWORD);
    directory.tell(new Directory.Block("Alice", "bob", null, alice.getRef()));
    alice.expectMessageClass(Directory.BlocksChanged.class);
    directory.tell(new Directory.Release("Alice", alice.getRef()));
    assertEquals(
        Set.of("bob"),
        claim(directory, "alice", PASSWORD).expectMessageClass(Directory.Claimed.class).blocked());
  }

  @Test
  void answersBlockAndUnblockRefusals() {
    var directory = directory();
    var bob = loggedIn(directory, "bob", null);
    loggedIn(directory, "carol", null);
    directory.tell(new Directory.Block("bob", "bob", null, bob.getRef()));
    assertEquals(ErrorCode.SELF, error(bob).code());
    directory.tell(new Directory.Block("bob", "nobody", null, bob.getRef()));
    assertEquals(ErrorCode.NO_SUCH_USER, error(bob).code());
    directory.tell(new Directory.Unblock("bob", "carol", null, bob.getRef()));
    assertEquals(ErrorCode.NOT_BLOCKED, error(bob).code());
    directory.tell(new Directory.Block("bob", "carol", null, bob.getRef()));
    bob.expectMessageClass(Directory.BlocksChanged.class);
    directory.tell(new Directory.Block("bob", "CAROL", null, bob.getRef()));
    assertEquals(ErrorCode.ALREADY_BLOCKED, error(bob).code());
    directory.tell(new Directory.Unblock("bob", "carol", null, bob.getRef()));
    assertEquals(Set.of(), bob.expectMessageClass(Directory.BlocksChanged.class).blocked());
  }

  @Test
  void listsWhoIsOnlineAndWithSinceAlsoWhoLeftLately() {
    var directory = directory();
    var bob = loggedIn(directory, "bob", null);
    loggedIn(directory, "carol", null);
    directory.tell(new Directory.Release("bob", bob.getRef()));

    var online = listUsers(directory, null);
    assertEquals(List.of("carol"), online.stream().map(ServerFrame.UserPresence::nick).toList());
    assertTrue(online.get(0).online());

    var lately = listUsers(directory, 60L);
    assertEquals(
        List.of("bob", "carol"), lately.stream().map(ServerFrame.UserPresence::nick).toList());
    assertFalse(lately.get(0).online());
  }

  @Test
  void remembersOnlyAsManyDepartedUsersAsItsLimit() {
    var directory = directory(accountSettings, 2);
    for (String nick : List.of("a1", "a2", "a3")) {
      var session = loggedIn(directory, nick, null);
      directory.tell(new Directory.Release(nick, session.getRef()));
    }
    var lately = listUsers(directory, 3600L);
    assertEquals(List.of("a2", "a3"), lately.stream().map(ServerFrame.UserPresence::nick).toList());
  }

  @Test
  void locksAnAccountOutForAHelloWithoutPasswordToo() {
    var directory = directory();
    for (int i = 0; i < 3; i++) {
      error(claim(directory, "alice", "wrong password"));
    }
    assertEquals(ErrorCode.LOCKED_OUT, error(claim(directory, "alice", null)).code());
  }

  @Test
  void takesAHelloWithoutPasswordForNoFailedLogin() {
    var directory = directory();
    for (int i = 0; i < 5; i++) {
      assertEquals(ErrorCode.AUTH_FAILED, error(claim(directory, "alice", null)).code());
    }
    claim(directory, "alice", PASSWORD).expectMessageClass(Directory.Claimed.class);
  }

  @Test
  void keepsAccountsBlocksAndMailWhenStartedAgainAndHandsMailOverOnce() {
    var directory = directory();
    var bob = loggedIn(directory, "bob", null);
    directory.tell(
        new Directory.Register("bob", "bobs password", ADDRESS, FrameId.of(2), bob.getRef()));
    answer(bob, ServerFrame.Ok.class);
    loggedIn(directory, "carol", null);
    directory.tell(new Directory.Block("bob", "carol", null, bob.getRef()));
    bob.expectMessageClass(Directory.BlocksChanged.class);
    directory.tell(new Directory.SendDirect("bob", "alice", "hi", null, bob.getRef()));
    answer(bob, ServerFrame.Direct.class);
    testKit.stop(directory);

    var again = directory();
    assertEquals(ErrorCode.AUTH_FAILED, error(claim(again, "bob", "wrong password")).code());
    var claimed = claim(again, "bob", "bobs password").expectMessageClass(Directory.Claimed.class);
    assertEquals(Set.of("carol"), claimed.blocked());
    var alice = claim(again, "alice", PASSWORD);
    var mail = alice.expectMessageClass(Directory.Claimed.class).mail();
    assertEquals(List.of("hi"), mail.stream().map(ServerFrame.Direct::text).toList());
    again.tell(new Directory.TakeMail("alice", 1, alice.getRef()));
    alice.expectMessage(Directory.MailTaken.INSTANCE);
    testKit.stop(again);

    var third = directory();
    assertEquals(
        List.of(),
        claim(third, "alice", PASSWORD).expectMessageClass(Directory.Claimed.class).mail());
  }

  @ParameterizedTest
  @EnumSource(FailedWrite.class)
  void answersWhatAFailedWriteWasForOnceItReadTheStoreAgain(FailedWrite failure) {
    var journal = PersistenceTestKit.create(testKit.system());
    var directory = directory();
    var bob = loggedIn(directory, "bob", null);
    loggedIn(directory, "carol", null);
    directory.tell(new Directory.Block("bob", "carol", null, bob.getRef()));
    bob.expectMessageClass(Directory.BlocksChanged.class);

    // each write fails once; the directory reads the store again, and answers what it stored or
    // handles the request anew
    failure.next(journal);
    directory.tell(
        new Directory.Register("bob", "bobs password", ADDRESS, FrameId.of(2), bob.getRef()));
    assertEquals(new ServerFrame.Ok(FrameId.of(2)), answer(bob, ServerFrame.Ok.class));
    // the account has the guest's blocks
    failure.next(journal);
    directory.tell(new Directory.Unblock("bob", "carol", FrameId.of(3), bob.getRef()));
    assertEquals(Set.of(), bob.expectMessageClass(Directory.BlocksChanged.class).blocked());
    failure.next(journal);
    directory.tell(new Directory.SendDirect("bob", "alice", "hi", FrameId.of(4), bob.getRef()));
    assertEquals(Boolean.TRUE, answer(bob, ServerFrame.Direct.class).stored());
    var alice = claim(directory, "alice", PASSWORD);
    var claimed = alice.expectMessageClass(Directory.Claimed.class);
    assertEquals(List.of("hi"), claimed.mail().stream().map(ServerFrame.Direct::text).toList());
    failure.next(journal);
    directory.tell(new Directory.TakeMail("alice", 1, alice.getRef()));
    alice.expectMessage(Directory.MailTaken.INSTANCE);
    bob.expectNoMessage(Duration.ofMillis(300));

    testKit.stop(directory);
    var again = directory();
    var bobAgain = claim(again, "bob", "bobs password").expectMessageClass(Directory.Claimed.class);
    assertEquals(Set.of(), bobAgain.blocked());
    assertEquals(
        List.of(),
        claim(again, "alice", PASSWORD).expectMessageClass(Directory.Claimed.class).mail());
  }

  @Test
  void keepsTheMailOfASessionGoneBeforeItTookIt() {
    var directory = directory();
    var bob = loggedIn(directory, "bob", null);
    directory.tell(new Directory.SendDirect("bob", "alice", "one", FrameId.of(1), bob.getRef()));
    answer(bob, ServerFrame.Direct.class);
    var alice = loggedIn(directory, "alice", PASSWORD);
    // its session ended before its welcome: it says nothing of the mail
    directory.tell(new Directory.Release("alice", alice.getRef()));

    var claimed = claim(directory, "alice", PASSWORD).expectMessageClass(Directory.Claimed.class);
    assertEquals(List.of("one"), claimed.mail().stream().map(ServerFrame.Direct::text).toList());
  }

  @Test
  void keepsOnlyTheMailThatASessionDidNotTake() {
    var directory = directory();
    var bob = loggedIn(directory, "bob", null);
    directory.tell(new Directory.SendDirect("bob", "alice", "one", FrameId.of(1), bob.getRef()));
    answer(bob, ServerFrame.Direct.class);
    directory.tell(new Directory.SendDirect("bob", "alice", "two", FrameId.of(2), bob.getRef()));
    answer(bob, ServerFrame.Direct.class);
    var alice = claim(directory, "alice", PASSWORD);
    alice.expectMessageClass(Directory.Claimed.class);
    directory.tell(new Directory.TakeMail("alice", 1, alice.getRef()));
    alice.expectMessage(Directory.MailTaken.INSTANCE);
    directory.tell(new Directory.Release("alice", alice.getRef()));

    var claimed = claim(directory, "alice", PASSWORD).expectMessageClass(Directory.Claimed.class);
    assertEquals(List.of("two"), claimed.mail().stream().map(ServerFrame.Direct::text).toList());
  }

  @Test
  void sendsWhatComesAfterTheMailStraightToTheUser() {
    var directory = directory();
    var bob = loggedIn(directory, "bob", null);
    directory.tell(new Directory.SendDirect("bob", "alice", "one", FrameId.of(1), bob.getRef()));
    answer(bob, ServerFrame.Direct.class);
    var alice = claim(directory, "alice", PASSWORD);
    var claimed = alice.expectMessageClass(Directory.Claimed.class);
    directory.tell(new Directory.SendDirect("bob", "alice", "two", FrameId.of(2), bob.getRef()));

    assertEquals(null, answer(bob, ServerFrame.Direct.class).stored());
    assertEquals(List.of("one"), claimed.mail().stream().map(ServerFrame.Direct::text).toList());
    assertEquals("two", alice.expectMessageClass(Directory.DirectReceived.class).frame().text());
  }

  @Test
  void givesNoMailToAGuestUnderANickThatIsNoLongerAnAccount() {
    var directory = directory();
    var bob = loggedIn(directory, "bob", null);
    directory.tell(new Directory.SendDirect("bob", "alice", "for alice", null, bob.getRef()));
    assertEquals(Boolean.TRUE, answer(bob, ServerFrame.Direct.class).stored());
    testKit.stop(directory);

    // the operator took alice out of the users file
    var without = directory(accountSettings, 10, List.of());
    assertEquals(
        List.of(),
        claim(without, "alice", null).expectMessageClass(Directory.Claimed.class).mail());
  }
}
