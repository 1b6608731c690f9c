package dev.parley.client.terminal.window;

/** What came to a window since the user last looked at it, least to most pressing. */
public enum Activity {
  NONE,
  // a message, or a line of the status window
  MESSAGE,
  // a line that names the user, or a direct message to them
  HIGHLIGHT;

  public Activity atLeast(Activity other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
