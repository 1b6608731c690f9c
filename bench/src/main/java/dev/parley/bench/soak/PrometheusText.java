package dev.parley.bench.soak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** The samples of a {@code /metrics} answer in Prometheus' text format. */
public final class PrometheusText {

  /** One line: a metric's name, its labels, its value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = samples;
  }

  /**
   * Reads every sample line; comments and lines that are no sample are skipped.
   *
   * @throws IllegalArgumentException for a sample line whose labels or value cannot be read
   */
  public static PrometheusText parse(String text) {
    var samples = new ArrayList<Sample>();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      samples.add(sample(trimmed));
    }
    return new PrometheusText(List.copyOf(samples));
  }

  public List<Sample> samples() {
    return samples;
  }

  /** The sum of a metric's samples, whatever their labels; empty when it has none. */
  public OptionalDouble sum(String name) {
    boolean found = false;
    double sum = 0;
    for (Sample sample : samples) {
      if (sample.name().equals(name)) {
        found = true;
        sum += sample.value();
      }
    }
    return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }

  /** The samples of one metric, by the value of one of its labels. */
  public Map<String, Double> byLabel(String name, String label) {
    var values = new LinkedHashMap<String, Double>();
    for (Sample sample : samples) {
      if (sample.name().equals(name)) {
        values.merge(sample.labels().getOrDefault(label, ""), sample.value(), Double::sum);
      }
    }
    return values;
  }

  private static Sample sample(String line) {
    int nameEnd = 0;
    while (nameEnd < line.length()
        && line.charAt(nameEnd) != '{'
        && !Character.isWhitespace(line.charAt(nameEnd))) {
      nameEnd++;
    }
    String name = line.substring(0, nameEnd);
    var labels = new LinkedHashMap<String, String>();
    int at = nameEnd;
    if (at < line.length() && line.charAt(at) == '{') {
      at = labels(line, at + 1, labels);
    }
    String[] rest = line.substring(at).strip().split("\\s+");
    if (name.isEmpty() || rest.length == 0 || rest[0].isEmpty()) {
      throw new IllegalArgumentException("not a sample: " + line);
    }
    return new Sample(name, Map.copyOf(labels), value(rest[0], line));
  }

  // returns the index after the closing brace
  private static int labels(String line, int from, Map<String, String> labels) {
    int at = from;
    while (true) {
      while (at < line.length() && (line.charAt(at) == ',' || line.charAt(at) == ' ')) {
        at++;
      }
      if (at >= line.length()) {
        throw new IllegalArgumentException("labels without their end: " + line);
      }
      if (line.charAt(at) == '}') {
        return at + 1;
      }
      int equals = line.indexOf('=', at);
      if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
        throw new IllegalArgumentException("a label without a quoted value: " + line);
      }
      String key = line.substring(at, equals).strip();
      var value = new StringBuilder();
      at = equals + 2;
      while (at < line.length() && line.charAt(at) != '"') {
        char c = line.charAt(at);
        if (c == '\\' && at + 1 < line.length()) {
          char escaped = line.charAt(++at);
          value.append(escaped == 'n' ? '\n' : escaped);
        } else {
          value.append(c);
        }
        at++;
      }
      if (at >= line.length()) {
        throw new IllegalArgumentException("a label value without its end: " + line);
      }
      labels.put(key, value.toString());
      at++;
    }
  }

  private static double value(String token, String line) {
    switch (token) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        try {
          return Double.parseDouble(token);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("a sample without a number: " + line, e);
        }
    }
  }
}
