package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;

/** A frame a client sends to the server. {@code id} is optional on every one of them. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ClientFrame.Hello.class, name = "hello"),
  @JsonSubTypes.Type(value = ClientFrame.Register.class, name = "register"),
  @JsonSubTypes.Type(value = ClientFrame.Create.class, name = "create"),
  @JsonSubTypes.Type(value = ClientFrame.Join.class, name = "join"),
  @JsonSubTypes.Type(value = ClientFrame.Leave.class, name = "leave"),
  @JsonSubTypes.Type(value = ClientFrame.Kick.class, name = "kick"),
  @JsonSubTypes.Type(value = ClientFrame.Say.class, name = "say"),
  @JsonSubTypes.Type(value = ClientFrame.Topic.class, name = "topic"),
  @JsonSubTypes.Type(value = ClientFrame.Rooms.class, name = "rooms"),
  @JsonSubTypes.Type(value = ClientFrame.Who.class, name = "who"),
  @JsonSubTypes.Type(value = ClientFrame.Users.class, name = "users"),
  @JsonSubTypes.Type(value = ClientFrame.History.class, name = "history"),
  @JsonSubTypes.Type(value = ClientFrame.Dm.class, name = "dm"),
  @JsonSubTypes.Type(value = ClientFrame.Block.class, name = "block"),
  @JsonSubTypes.Type(value = ClientFrame.Unblock.class, name = "unblock"),
  @JsonSubTypes.Type(value = ClientFrame.Away.class, name = "away"),
  @JsonSubTypes.Type(value = ClientFrame.Upload.class, name = "upload"),
  @JsonSubTypes.Type(value = ClientFrame.Ping.class, name = "ping"),
  @JsonSubTypes.Type(value = ClientFrame.Quit.class, name = "quit"),
  @JsonSubTypes.Type(value = ClientFrame.Private.class, name = "private"),
  @JsonSubTypes.Type(value = ClientFrame.PrivateAnswer.class, name = "private_answer"),
  @JsonSubTypes.Type(value = ClientFrame.Signal.class, name = "signal"),
})
public sealed interface ClientFrame {

  FrameId id();

  /**
   * {@code nick} absent: the server picks a guest nick. {@code takeOver} true: with the account's
   * password, a session that holds the nick ends ({@code bye replaced}) and this one takes its
   * place.
   */
  record Hello(FrameId id, String nick, String password, String client, Boolean takeOver)
      implements ClientFrame {

    /** A hello that leaves a session holding the nick as it is. */
    public Hello(FrameId id, String nick, String password, String client) {
      this(id, nick, password, client, null);
    }

    public boolean takesOver() {
      return Boolean.TRUE.equals(takeOver);
    }

    // a password must not reach a log through a frame printed whole
    @Override
    public String toString() {
      return "Hello[id="
          + id
          + ", nick="
          + nick
          + ", password="
          + mask(password)
          + ", takeOver="
          + takeOver
          + "]";
    }
  }

  record Register(FrameId id, String password) implements ClientFrame {
    @Override
    public String toString() {
      return "Register[id=" + id + ", password=" + mask(password) + "]";
    }
  }

  record Create(FrameId id, String room, String topic) implements ClientFrame {}

  /**
   * {@code afterSeq}: the last message of the room the client saw, so that the replay is what came
   * after it; absent, the room's latest messages.
   */
  record Join(FrameId id, String room, Long afterSeq) implements ClientFrame {
    public Join(FrameId id, String room) {
      this(id, room, null);
    }
  }

  record Leave(FrameId id, String room) implements ClientFrame {}

  /** An operator takes {@code nick} out of {@code room}; {@code text}, optional, says why. */
  record Kick(FrameId id, String room, String nick, String text) implements ClientFrame {}

  /** {@code notice} true: a notice, as IRC's {@code NOTICE}, which no client answers by itself. */
  record Say(FrameId id, String room, String text, Boolean notice) implements ClientFrame {
    public Say(FrameId id, String room, String text) {
      this(id, room, text, null);
    }
  }

  record Topic(FrameId id, String room, String topic) implements ClientFrame {}

  /** {@code after}: the room name a page goes on after (the {@code next} of the last page). */
  record Rooms(FrameId id, String after, Integer limit) implements ClientFrame {
    public Rooms(FrameId id) {
      this(id, null, null);
    }
  }

  record Who(FrameId id, String room) implements ClientFrame {}

  /** {@code sinceS} absent: only who is online. */
  record Users(FrameId id, Long sinceS) implements ClientFrame {}

  /** At most one of {@code beforeSeq} and {@code afterSeq}; neither: the latest messages. */
  record History(FrameId id, String room, Long beforeSeq, Long afterSeq, Integer limit)
      implements ClientFrame {}

  /** {@code notice} as on {@link Say}. */
  record Dm(FrameId id, String to, String text, Boolean notice) implements ClientFrame {
    public Dm(FrameId id, String to, String text) {
      this(id, to, text, null);
    }
  }

  record Block(FrameId id, String nick) implements ClientFrame {}

  record Unblock(FrameId id, String nick) implements ClientFrame {}

  /** {@code text} absent or empty: back again. */
  record Away(FrameId id, String text) implements ClientFrame {
    public boolean meansBack() {
      return text == null || text.isEmpty();
    }
  }

  /**
   * Asks for a slot to upload a file of {@code size} bytes to, for exactly one of {@code room} and
   * {@code to}; {@code contentType} absent: {@code application/octet-stream}.
   */
  record Upload(
      FrameId id, String name, long size, String contentType, String sha256, String room, String to)
      implements ClientFrame {}

  record Ping(FrameId id) implements ClientFrame {}

  record Quit(FrameId id, String text) implements ClientFrame {}

  /** Asks {@code to} to talk directly; {@code port}: where the asker listens for it. */
  record Private(FrameId id, String to, int port) implements ClientFrame {}

  /** Answers {@code offer}; {@code port}, only with {@code accept}: where the answerer listens. */
  record PrivateAnswer(FrameId id, String offer, boolean accept, Integer port)
      implements ClientFrame {}

  /** An opaque {@code payload} for the other side of the accepted {@code offer}. */
  record Signal(FrameId id, String offer, JsonNode payload) implements ClientFrame {}

  private static String mask(String password) {
    return password == null ? "null" : "(hidden)";
  }
}
