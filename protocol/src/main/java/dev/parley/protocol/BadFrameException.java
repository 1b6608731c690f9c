package dev.parley.protocol;

/**
 * A client frame that could not be decoded: the server answers it with an {@code error} of {@code
 * code}, carrying {@code re} when the frame had a readable {@code id}.
 */
public final class BadFrameException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient ErrorCode code;
  private final transient FrameId re;

  public BadFrameException(ErrorCode code, String message, FrameId re) {
    super(message, null, false, false);
    this.code = code;
    this.re = re;
  }

  public ErrorCode code() {
    return code;
  }

  public FrameId re() {
    return re;
  }
}
