package dev.parley.bench.profile;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of {@code perf script} (from {@code perf record -g}): a line that starts with the
 * thread's name, then one indented line per frame, {@code ADDRESS SYMBOL+OFFSET (MODULE)}, and a
 * blank line after each sample.
 */
final class PerfScript {

  private static final Pattern FRAME =
      Pattern.compile("^\\s+[0-9a-f]+ (.*?)(?:\\+0x[0-9a-f]+)? \\((.*)\\)$");
  // NAME PID TIME: PERIOD EVENT: (the name may hold spaces; perf keeps its first 15 characters)
  private static final Pattern HEADER = Pattern.compile("^(.*?) +\\d+(?:/\\d+)? +[0-9.]+:.*");

  private PerfScript() {}

  static void read(BufferedReader text, Consumer<PerfSample> samples) throws IOException {
    String thread = null;
    List<PerfSample.Frame> stack = new ArrayList<>();
    for (String line = text.readLine(); line != null; line = text.readLine()) {
      if (line.isBlank()) {
        if (thread != null) {
          samples.accept(new PerfSample(thread, List.copyOf(stack)));
        }
        thread = null;
        stack.clear();
      } else if (!Character.isWhitespace(line.charAt(0))) {
        Matcher header = HEADER.matcher(line);
        thread = header.matches() ? header.group(1) : line.strip();
        stack.clear();
      } else if (thread != null) {
        Matcher frame = FRAME.matcher(line);
        if (frame.matches()) {
          stack.add(new PerfSample.Frame(frame.group(1), frame.group(2)));
        }
      }
    }
    if (thread != null) {
      samples.accept(new PerfSample(thread, List.copyOf(stack)));
    }
  }
}
