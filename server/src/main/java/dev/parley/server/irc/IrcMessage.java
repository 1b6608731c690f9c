package dev.parley.server.irc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One IRC message, without its CR LF (https://modern.ircdocs.horse/#message-format): its tags in
 * the order they came, a tag without value having the value {@code ""}; its source without the
 * {@code ':'}, or null; its command, upper-cased letters or a three-digit numeric; its parameters,
 * the trailing one unmarked. Only a message that renders can be made.
 */
public record IrcMessage(
    Map<String, String> tags, String source, String command, List<String> params) {

  /** The most parameters a message carries, as the older client protocol documents set. */
  public static final int MAX_PARAMS = 15;

  public IrcMessage {
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    tags.forEach(IrcMessage::requireRenderableTag);
    if (source != null && (source.isEmpty() || hasAny(source, " \0\r\n"))) {
      throw new IllegalArgumentException("a source is not empty and has no space, NUL, CR or LF");
    }
    command = requireCommand(command);
    params = List.copyOf(params);
    if (params.size() > MAX_PARAMS) {
      throw new IllegalArgumentException("a message has at most " + MAX_PARAMS + " parameters");
    }
    for (int i = 0; i < params.size(); i++) {
      requireRenderableParam(params.get(i), i == params.size() - 1);
    }
  }

  public static IrcMessage of(String source, String command, String... params) {
    return new IrcMessage(Map.of(), source, command, List.of(params));
  }

  /** This message with the tag {@code key} set to {@code value}, {@code ""} for none. */
  public IrcMessage withTag(String key, String value) {
    var withTag = new LinkedHashMap<>(tags);
    withTag.put(key, value);
    return new IrcMessage(withTag, source, command, params);
  }

  /**
   * Reads one message from a line without its CR LF. Spaces before and after it are tolerated, and
   * several between its parts count as one; of a tag repeated, the last value counts.
   */
  public static IrcMessage parse(String line) {
    if (hasAny(line, "\0\r\n")) {
      throw new IrcSyntaxException("a message has no NUL, CR or LF inside it");
    }
    int at = skipSpaces(line, 0);
    Map<String, String> tags = Map.of();
    if (at < line.length() && line.charAt(at) == '@') {
      int end = line.indexOf(' ', at);
      if (end < 0) {
        throw new IrcSyntaxException("a message has a command after its tags");
      }
      tags = parseTags(line.substring(at + 1, end));
      at = skipSpaces(line, end);
    }
    String source = null;
    if (at < line.length() && line.charAt(at) == ':') {
      int end = line.indexOf(' ', at);
      if (end < 0) {
        throw new IrcSyntaxException("a message has a command after its source");
      }
      source = line.substring(at + 1, end);
      if (source.isEmpty()) {
        throw new IrcSyntaxException("a source follows its ':' without a space");
      }
      at = skipSpaces(line, end);
    }
    int commandEnd = endOfWord(line, at);
    String command = line.substring(at, commandEnd);
    if (command.isEmpty()) {
      throw new IrcSyntaxException("a message has a command");
    }
    if (!isCommand(command)) {
      throw new IrcSyntaxException("a command is made of letters, or is three digits");
    }
    var params = new ArrayList<String>();
    for (at = skipSpaces(line, commandEnd); at < line.length(); at = skipSpaces(line, at)) {
      if (params.size() == MAX_PARAMS) {
        throw new IrcSyntaxException("a message has at most " + MAX_PARAMS + " parameters");
      }
      if (line.charAt(at) == ':') {
        params.add(line.substring(at + 1));
        break;
      }
      int end = endOfWord(line, at);
      params.add(line.substring(at, end));
      at = end;
    }
    return new IrcMessage(tags, source, command, params);
  }

  /** The message as a line, without its CR LF. */
  public String render() {
    var line = new StringBuilder();
    if (!tags.isEmpty()) {
      line.append('@');
      tags.forEach(
          (key, value) -> {
            if (line.length() > 1) {
              line.append(';');
            }
            line.append(key);
            if (!value.isEmpty()) {
              line.append('=');
              escapeTagValue(value, line);
            }
          });
      line.append(' ');
    }
    if (source != null) {
      line.append(':').append(source).append(' ');
    }
    line.append(command);
    for (int i = 0; i < params.size(); i++) {
      String param = params.get(i);
      line.append(' ');
      if (i == params.size() - 1 && needsTrailing(param)) {
        line.append(':');
      }
      line.append(param);
    }
    return line.toString();
  }

  private static Map<String, String> parseTags(String escaped) {
    var tags = new LinkedHashMap<String, String>();
    for (String tag : escaped.split(";", -1)) {
      int equals = tag.indexOf('=');
      String key = equals < 0 ? tag : tag.substring(0, equals);
      // key names are opaque (IRCv3 message-tags): only a missing one is refused
      if (key.isEmpty()) {
        throw new IrcSyntaxException("each tag has a name before its '=' and between ';'");
      }
      tags.put(key, equals < 0 ? "" : unescapeTagValue(tag.substring(equals + 1)));
    }
    return tags;
  }

  private static String unescapeTagValue(String escaped) {
    var value = new StringBuilder(escaped.length());
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c != '\\') {
        value.append(c);
      } else if (++i < escaped.length()) {
        char escape = escaped.charAt(i);
        value.append(
            switch (escape) {
              case ':' -> ';';
              case 's' -> ' ';
              case 'r' -> '\r';
              case 'n' -> '\n';
              default -> escape;
            });
      }
    }
    return value.toString();
  }

  private static void escapeTagValue(String value, StringBuilder line) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case ';' -> line.append("\\:");
        case ' ' -> line.append("\\s");
        case '\\' -> line.append("\\\\");
        case '\r' -> line.append("\\r");
        case '\n' -> line.append("\\n");
        default -> line.append(c);
      }
    }
  }

  private static void requireRenderableTag(String key, String value) {
    if (key.isEmpty() || hasAny(key, " ;=\0\r\n")) {
      throw new IllegalArgumentException(
          "a tag's key is not empty and has no space, ';', '=', NUL, CR or LF");
    }
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a tag's value has no NUL");
    }
  }

  private static String requireCommand(String command) {
    if (!isCommand(command)) {
      throw new IllegalArgumentException("a command is letters or three digits: " + command);
    }
    return command.toUpperCase(Locale.ROOT);
  }

  private static void requireRenderableParam(String param, boolean last) {
    if (hasAny(param, "\0\r\n")) {
      throw new IllegalArgumentException("a parameter has no NUL, CR or LF");
    }
    if (!last && needsTrailing(param)) {
      throw new IllegalArgumentException(
          "only the last parameter may be empty, hold a space or start with ':'");
    }
  }

  private static boolean isCommand(String command) {
    if (command.length() == 3 && command.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return true;
    }
    return !command.isEmpty()
        && command.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
  }

  private static boolean needsTrailing(String param) {
    return param.isEmpty() || param.startsWith(":") || param.indexOf(' ') >= 0;
  }

  private static boolean hasAny(String text, String characters) {
    Objects.requireNonNull(text);
    for (int i = 0; i < characters.length(); i++) {
      if (text.indexOf(characters.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static int skipSpaces(String line, int from) {
    int at = from;
    while (at < line.length() && line.charAt(at) == ' ') {
      at++;
    }
    return at;
  }

  private static int endOfWord(String line, int from) {
    int space = line.indexOf(' ', from);
    return space < 0 ? line.length() : space;
  }
}
