package dev.parley.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/** The fields of one client frame, read with the checks that make a refusal name its field. */
final class FrameFields {

  private final JsonNode node;
  private final FrameId id;

  FrameFields(JsonNode node) {
    this.node = node;
    this.id = readId(node.get("id"));
  }

  FrameId id() {
    return id;
  }

  String requiredString(String name) {
    String value = optionalString(name);
    if (value == null) {
      throw badRequest("missing field '" + name + "'");
    }
    return value;
  }

  String optionalString(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw badRequest("field '" + name + "' must be a string");
    }
    return value.textValue();
  }

  Boolean optionalBoolean(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw badRequest("field '" + name + "' must be true or false");
    }
    return value.booleanValue();
  }

  boolean requiredBoolean(String name) {
    Boolean value = optionalBoolean(name);
    if (value == null) {
      throw badRequest("missing field '" + name + "'");
    }
    return value;
  }

  /** A TCP port: an integer from 1 to 65535. */
  int requiredPort(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw badRequest("missing field '" + name + "'");
    }
    if (!value.isIntegralNumber()
        || !value.canConvertToInt()
        || value.intValue() < 1
        || value.intValue() > 65535) {
      throw badRequest("field '" + name + "' must be a port, an integer from 1 to 65535");
    }
    return value.intValue();
  }

  /** Any JSON value but null. */
  JsonNode requiredValue(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw badRequest("missing field '" + name + "'");
    }
    return value;
  }

  String password(String name, int minChars) {
    String value = requiredString(name);
    if (value.codePointCount(0, value.length()) < minChars) {
      throw badRequest("field '" + name + "' must have at least " + minChars + " chars");
    }
    return value;
  }

  Long optionalLong(String name, long min) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min) {
      throw badRequest("field '" + name + "' must be an integer of at least " + min);
    }
    return value.longValue();
  }

  /** A positive count that may be larger than anyone asks for: it saturates at the int range. */
  Integer optionalCount(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || value.bigIntegerValue().signum() <= 0) {
      throw badRequest("field '" + name + "' must be an integer of at least 1");
    }
    return value.canConvertToInt() ? value.intValue() : Integer.MAX_VALUE;
  }

  BadFrameException badRequest(String message) {
    return new BadFrameException(ErrorCode.BAD_REQUEST, message, id);
  }

  private static FrameId readId(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual() && FrameId.fitsLength(value.textValue())) {
      return FrameId.of(value.textValue());
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return FrameId.of(value.longValue());
    }
    throw new BadFrameException(
        ErrorCode.BAD_REQUEST,
        "field 'id' must be a string of at most 64 chars or an integer",
        null);
  }
}
