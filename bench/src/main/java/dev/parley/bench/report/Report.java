package dev.parley.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The figures of one load run against one server, kept as a file of {@code key=value} lines; the
 * first line names the workload.
 */
public record Report(String workload, Map<Figure, Double> figures) {

  private static final String WORKLOAD_KEY = "workload";

  public Report {
    var inOrder = new EnumMap<Figure, Double>(Figure.class);
    inOrder.putAll(figures);
    figures = Collections.unmodifiableMap(inOrder);
  }

  public OptionalDouble get(Figure figure) {
    Double value = figures.get(figure);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  public List<String> lines() {
    var lines = new ArrayList<String>();
    lines.add(WORKLOAD_KEY + "=" + workload);
    figures.forEach((figure, value) -> lines.add(figure.key() + "=" + value));
    return lines;
  }

  /** The figures as a person reads them, one per line. */
  public String describe() {
    var text = new StringBuilder(workload).append(System.lineSeparator());
    figures.forEach(
        (figure, value) ->
            text.append(String.format("  %-42s %s%n", figure.label(), figure.format(value))));
    return text.toString();
  }

  public void write(Path file) throws IOException {
    Files.write(file, lines(), StandardCharsets.UTF_8);
  }

  /** Reads a figures file; keys that this version does not know are skipped. */
  public static Report read(Path file) throws IOException {
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  static Report parse(List<String> lines) {
    String workload = "";
    var figures = new EnumMap<Figure, Double>(Figure.class);
    for (String line : lines) {
      int equals = line.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String key = line.substring(0, equals).trim();
      String value = line.substring(equals + 1).trim();
      if (key.equals(WORKLOAD_KEY)) {
        workload = value;
      } else {
        Figure.byKey(key).ifPresent(figure -> figures.put(figure, Double.parseDouble(value)));
      }
    }
    return new Report(workload, figures);
  }
}
