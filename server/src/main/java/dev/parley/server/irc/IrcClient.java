package dev.parley.server.irc;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ProtocolRules;
import dev.parley.server.session.Inbound;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What an IRC connection's dialect knows of its client: its nick, its capabilities, the channels it
 * is in, and what its pending frames asked, by their ids.
 */
final class IrcClient {

  final IrcCapabilities caps = new IrcCapabilities();
  private final Map<FrameId, IrcRequest> pending = new HashMap<>();
  // canonical room names
  private final Set<String> rooms = new HashSet<>();
  private final List<Inbound> followUps = new ArrayList<>();
  private long lastId;
  private String nick = "*";

  /** The client's nick, or {@code *} before it has one, as numerics address it. */
  String nick() {
    return nick;
  }

  void nick(String nick) {
    this.nick = nick;
  }

  /** A frame made of {@code request}, under an id of its own that its answer will carry. */
  Inbound.Frame ask(IrcRequest request, Function<FrameId, ClientFrame> frame) {
    var id = FrameId.of("irc" + ++lastId);
    pending.put(id, request);
    return new Inbound.Frame(frame.apply(id));
  }

  /** What the frame {@code re} answers asked, forgotten now; null for none. */
  IrcRequest answered(FrameId re) {
    return re == null ? null : pending.remove(re);
  }

  /** What the frame {@code re} answers in part asked, still awaiting the rest; null for none. */
  IrcRequest asked(FrameId re) {
    return re == null ? null : pending.get(re);
  }

  /** Asks {@code request} after the answer being encoded, before anything else the client sent. */
  void followUp(IrcRequest request, Function<FrameId, ClientFrame> frame) {
    followUps.add(ask(request, frame));
  }

  List<Inbound> takeFollowUps() {
    if (followUps.isEmpty()) {
      return List.of();
    }
    var taken = List.copyOf(followUps);
    followUps.clear();
    return taken;
  }

  boolean isIn(String room) {
    return rooms.contains(ProtocolRules.canonical(room));
  }

  /** Whether the client was not in {@code room} before. */
  boolean joined(String room) {
    return rooms.add(ProtocolRules.canonical(room));
  }

  void left(String room) {
    rooms.remove(ProtocolRules.canonical(room));
  }
}
