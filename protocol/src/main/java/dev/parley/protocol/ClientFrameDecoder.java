package dev.parley.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a parsed JSON object into a {@link ClientFrame}, or refuses it with the error code and the
 * field that PROTOCOL.md asks for.
 */
final class ClientFrameDecoder {

  private static final int MIN_PASSWORD_CHARS = 8;

  private static final Map<String, Function<FrameFields, ClientFrame>> DECODERS =
      Map.ofEntries(
          Map.entry(
              "hello",
              f ->
                  new ClientFrame.Hello(
                      f.id(),
                      f.optionalString("nick"),
                      f.optionalString("password"),
                      f.optionalString("client"),
                      f.optionalBoolean("take_over"))),
          Map.entry(
              "register",
              f -> new ClientFrame.Register(f.id(), f.password("password", MIN_PASSWORD_CHARS))),
          Map.entry(
              "create",
              f ->
                  new ClientFrame.Create(
                      f.id(), f.requiredString("room"), f.optionalString("topic"))),
          Map.entry(
              "join",
              f ->
                  new ClientFrame.Join(
                      f.id(), f.requiredString("room"), f.optionalLong("after_seq", 0))),
          Map.entry("leave", f -> new ClientFrame.Leave(f.id(), f.requiredString("room"))),
          Map.entry(
              "kick",
              f ->
                  new ClientFrame.Kick(
                      f.id(),
                      f.requiredString("room"),
                      f.requiredString("nick"),
                      f.optionalString("text"))),
          Map.entry(
              "say",
              f ->
                  new ClientFrame.Say(
                      f.id(), f.requiredString("room"), f.requiredString("text"), notice(f))),
          Map.entry(
              "topic",
              f ->
                  new ClientFrame.Topic(
                      f.id(), f.requiredString("room"), f.requiredString("topic"))),
          Map.entry(
              "rooms",
              f ->
                  new ClientFrame.Rooms(
                      f.id(), f.optionalString("after"), f.optionalCount("limit"))),
          Map.entry("who", f -> new ClientFrame.Who(f.id(), f.requiredString("room"))),
          Map.entry("users", f -> new ClientFrame.Users(f.id(), f.optionalLong("since_s", 0))),
          Map.entry("history", ClientFrameDecoder::history),
          Map.entry(
              "dm",
              f ->
                  new ClientFrame.Dm(
                      f.id(), f.requiredString("to"), f.requiredString("text"), notice(f))),
          Map.entry("block", f -> new ClientFrame.Block(f.id(), f.requiredString("nick"))),
          Map.entry("unblock", f -> new ClientFrame.Unblock(f.id(), f.requiredString("nick"))),
          Map.entry("away", f -> new ClientFrame.Away(f.id(), f.optionalString("text"))),
          Map.entry("upload", ClientFrameDecoder::upload),
          Map.entry("ping", f -> new ClientFrame.Ping(f.id())),
          Map.entry("quit", f -> new ClientFrame.Quit(f.id(), f.optionalString("text"))),
          Map.entry(
              "private",
              f -> new ClientFrame.Private(f.id(), f.requiredString("to"), f.requiredPort("port"))),
          Map.entry("private_answer", ClientFrameDecoder::privateAnswer),
          Map.entry(
              "signal",
              f ->
                  new ClientFrame.Signal(
                      f.id(), f.requiredString("offer"), f.requiredValue("payload"))));

  private ClientFrameDecoder() {}

  static ClientFrame decode(JsonNode node) {
    if (!node.isObject()) {
      throw new BadFrameException(ErrorCode.BAD_FRAME, "a frame must be a JSON object", null);
    }
    var fields = new FrameFields(node);
    JsonNode type = node.get("type");
    if (type == null || !type.isTextual()) {
      throw new BadFrameException(
          ErrorCode.UNKNOWN_TYPE, "a frame needs a string field 'type'", fields.id());
    }
    var decoder = DECODERS.get(type.textValue());
    if (decoder == null) {
      throw new BadFrameException(
          ErrorCode.UNKNOWN_TYPE, "unknown frame type '" + type.textValue() + "'", fields.id());
    }
    return decoder.apply(fields);
  }

  // false is the same as absent: a frame carries the flag only when it is one
  private static Boolean notice(FrameFields f) {
    return Boolean.TRUE.equals(f.optionalBoolean("notice")) ? Boolean.TRUE : null;
  }

  private static ClientFrame upload(FrameFields f) {
    String room = f.optionalString("room");
    String to = f.optionalString("to");
    if ((room == null) == (to == null)) {
      throw f.badRequest("give exactly one of 'room' and 'to'");
    }
    Long size = f.optionalLong("size", 0);
    if (size == null) {
      throw f.badRequest("missing field 'size'");
    }
    return new ClientFrame.Upload(
        f.id(),
        f.requiredString("name"),
        size,
        f.optionalString("content_type"),
        f.requiredString("sha256"),
        room,
        to);
  }

  private static ClientFrame history(FrameFields f) {
    Long before = f.optionalLong("before_seq", 0);
    Long after = f.optionalLong("after_seq", 0);
    if (before != null && after != null) {
      throw f.badRequest("give at most one of 'before_seq' and 'after_seq'");
    }
    Integer limit = f.optionalCount("limit");
    return new ClientFrame.History(f.id(), f.requiredString("room"), before, after, limit);
  }

  // a port only with an acceptance: a refusal listens nowhere
  private static ClientFrame privateAnswer(FrameFields f) {
    String offer = f.requiredString("offer");
    boolean accept = f.requiredBoolean("accept");
    return new ClientFrame.PrivateAnswer(
        f.id(), offer, accept, accept ? f.requiredPort("port") : null);
  }
}
