package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A frame the server sends. {@code re} is the {@code id} of the client frame it answers, absent on
 * events that no frame of the client caused.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ServerFrame.Welcome.class, name = "welcome"),
  @JsonSubTypes.Type(value = ServerFrame.Joined.class, name = "joined"),
  @JsonSubTypes.Type(value = ServerFrame.MemberJoined.class, name = "member_joined"),
  @JsonSubTypes.Type(value = ServerFrame.MemberLeft.class, name = "member_left"),
  @JsonSubTypes.Type(value = ServerFrame.MemberAway.class, name = "member_away"),
  @JsonSubTypes.Type(value = ServerFrame.Kicked.class, name = "kicked"),
  @JsonSubTypes.Type(value = ServerFrame.Message.class, name = "message"),
  @JsonSubTypes.Type(value = ServerFrame.Direct.class, name = "direct"),
  @JsonSubTypes.Type(value = ServerFrame.Topic.class, name = "topic"),
  @JsonSubTypes.Type(value = ServerFrame.Notice.class, name = "notice"),
  @JsonSubTypes.Type(value = ServerFrame.Gap.class, name = "gap"),
  @JsonSubTypes.Type(value = ServerFrame.Error.class, name = "error"),
  @JsonSubTypes.Type(value = ServerFrame.Ok.class, name = "ok"),
  @JsonSubTypes.Type(value = ServerFrame.Pong.class, name = "pong"),
  @JsonSubTypes.Type(value = ServerFrame.Left.class, name = "left"),
  @JsonSubTypes.Type(value = ServerFrame.Members.class, name = "members"),
  @JsonSubTypes.Type(value = ServerFrame.Users.class, name = "users"),
  @JsonSubTypes.Type(value = ServerFrame.RoomList.class, name = "room_list"),
  @JsonSubTypes.Type(value = ServerFrame.HistoryEnd.class, name = "history_end"),
  @JsonSubTypes.Type(value = ServerFrame.UploadSlot.class, name = "upload_slot"),
  @JsonSubTypes.Type(value = ServerFrame.Bye.class, name = "bye"),
  @JsonSubTypes.Type(value = ServerFrame.PrivateOffer.class, name = "private_offer"),
  @JsonSubTypes.Type(value = ServerFrame.PrivateDeclined.class, name = "private_declined"),
  @JsonSubTypes.Type(value = ServerFrame.PrivateReady.class, name = "private_ready"),
  @JsonSubTypes.Type(value = ServerFrame.Signal.class, name = "signal"),
})
public sealed interface ServerFrame {

  /** The id of the client frame this answers; null on an event that no frame caused. */
  default FrameId re() {
    return null;
  }

  record Welcome(FrameId re, String nick, int protocol, String server, String motd)
      implements ServerFrame {}

  /** Exactly {@code replay} replayed {@link Message}s follow it. */
  record Joined(FrameId re, String room, String topic, List<String> members, int replay)
      implements ServerFrame {
    public Joined {
      members = List.copyOf(members);
    }
  }

  record MemberJoined(String room, String nick, Instant ts) implements ServerFrame {}

  /**
   * {@code by}: the operator who kicked the member out of the room (reason {@code kicked}); absent
   * for any other departure, an operator's kick off the server included. {@code text}: the reason
   * the operator gave, or the text of a {@code quit}.
   */
  record MemberLeft(
      String room, String nick, DepartureReason reason, String by, String text, Instant ts)
      implements ServerFrame {

    /** A departure that says no more than its reason. */
    public MemberLeft(String room, String nick, DepartureReason reason, Instant ts) {
      this(room, nick, reason, null, null, ts);
    }
  }

  /** The operator {@code by} took you out of {@code room}; {@code text}, when given, says why. */
  record Kicked(String room, String by, String text, Instant ts) implements ServerFrame {}

  /** {@code away}: the member's away message; absent, the member is back. */
  record MemberAway(String room, String nick, String away, Instant ts) implements ServerFrame {}

  /**
   * {@code replay} is true on messages sent again from the history, absent on live ones; {@code
   * notice} true on a notice ({@code say} with {@code notice}), absent on other messages.
   */
  record Message(
      FrameId re,
      String room,
      long seq,
      String from,
      String text,
      Instant ts,
      Boolean replay,
      Boolean notice,
      SharedFile file)
      implements ServerFrame {

    public Message(
        FrameId re,
        String room,
        long seq,
        String from,
        String text,
        Instant ts,
        Boolean replay,
        Boolean notice) {
      this(re, room, seq, from, text, ts, replay, notice, null);
    }

    public Message(
        FrameId re, String room, long seq, String from, String text, Instant ts, Boolean replay) {
      this(re, room, seq, from, text, ts, replay, null);
    }
  }

  /**
   * {@code offline}: delivered at login from the mailbox; {@code stored}: on the sender's echo, the
   * recipient was offline and the message waits; {@code away}: on the sender's echo, the
   * recipient's away message.
   */
  record Direct(
      FrameId re,
      String from,
      String to,
      String text,
      Instant ts,
      Boolean offline,
      Boolean stored,
      String away,
      Boolean notice,
      SharedFile file)
      implements ServerFrame {

    public Direct(
        FrameId re,
        String from,
        String to,
        String text,
        Instant ts,
        Boolean offline,
        Boolean stored,
        String away,
        Boolean notice) {
      this(re, from, to, text, ts, offline, stored, away, notice, null);
    }

    public Direct(
        FrameId re,
        String from,
        String to,
        String text,
        Instant ts,
        Boolean offline,
        Boolean stored) {
      this(re, from, to, text, ts, offline, stored, null, null);
    }
  }

  record Topic(FrameId re, String room, String topic, String by, Instant ts)
      implements ServerFrame {}

  record Notice(String text, Instant ts) implements ServerFrame {}

  /** Messages {@code fromSeq} to {@code toSeq} of the room were dropped for this slow reader. */
  record Gap(String room, long fromSeq, long toSeq) implements ServerFrame {}

  /**
   * {@code retryAfterS} only with {@link ErrorCode#LOCKED_OUT}, {@link ErrorCode#SERVER_BUSY}, and
   * {@link ErrorCode#AUTH_FAILED} when that failure locked the nick or the address.
   */
  record Error(FrameId re, ErrorCode code, String message, Long retryAfterS)
      implements ServerFrame {}

  record Ok(FrameId re) implements ServerFrame {}

  record Pong(FrameId re) implements ServerFrame {}

  record Left(FrameId re, String room) implements ServerFrame {}

  /** {@code away}: those of {@code members} who are away; absent, none. */
  record Members(FrameId re, String room, List<String> members, List<String> away)
      implements ServerFrame {
    public Members {
      members = List.copyOf(members);
      away = away == null || away.isEmpty() ? null : List.copyOf(away);
    }

    public Members(FrameId re, String room, List<String> members) {
      this(re, room, members, null);
    }
  }

  record Users(FrameId re, List<UserPresence> users) implements ServerFrame {
    public Users {
      users = List.copyOf(users);
    }
  }

  /** {@code away}: the away message of a user online; absent, not away. */
  record UserPresence(String nick, boolean online, Instant lastSeen, String away) {
    public UserPresence(String nick, boolean online, Instant lastSeen) {
      this(nick, online, lastSeen, null);
    }
  }

  /** {@code next}: where the next page goes on ({@code rooms} with {@code after}); absent, none. */
  record RoomList(FrameId re, List<RoomSummary> rooms, String next) implements ServerFrame {
    public RoomList {
      rooms = List.copyOf(rooms);
    }

    public RoomList(FrameId re, List<RoomSummary> rooms) {
      this(re, rooms, null);
    }
  }

  record RoomSummary(String room, int members, String topic) {}

  record HistoryEnd(FrameId re, String room, int count) implements ServerFrame {}

  /**
   * Where to upload the file {@code file} asked for with {@code upload}, with {@code token} in
   * every request, before {@code expires}.
   */
  record UploadSlot(FrameId re, String file, String url, String token, Instant expires)
      implements ServerFrame {}

  /** {@code re} only when it answers a {@code quit}: every other bye is no answer. */
  record Bye(FrameId re, DepartureReason reason, String message) implements ServerFrame {
    public Bye(DepartureReason reason, String message) {
      this(null, reason, message);
    }
  }

  /** {@code from} asks to talk directly; answer with {@code private_answer}. */
  record PrivateOffer(String offer, String from) implements ServerFrame {}

  /** The offer is over unanswered: {@code by} declined it, went offline, or it timed out. */
  record PrivateDeclined(String offer, String by, DeclineReason reason) implements ServerFrame {}

  /**
   * Both agreed: {@code nick}, the other, listens at {@code host}:{@code port}; {@code role} says
   * who connects; both prove {@code token}.
   */
  record PrivateReady(String offer, String nick, String host, int port, String token, PeerRole role)
      implements ServerFrame {

    // a token must not reach a log through a frame printed whole
    @Override
    public String toString() {
      return "PrivateReady[offer="
          + offer
          + ", nick="
          + nick
          + ", host="
          + host
          + ", port="
          + port
          + ", role="
          + role
          + "]";
    }
  }

  /** An opaque {@code payload} from {@code from}, the other side of {@code offer}. */
  record Signal(String from, String offer, JsonNode payload) implements ServerFrame {}
}
