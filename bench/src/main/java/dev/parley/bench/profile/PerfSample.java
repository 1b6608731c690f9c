package dev.parley.bench.profile;

import java.util.List;

/**
 * One sample of {@code perf script}: the thread it caught and its stack, innermost frame first.
 *
 * @param thread the thread's name as the kernel keeps it (its first 15 characters)
 */
record PerfSample(String thread, List<Frame> stack) {

  /**
   * One frame: {@code symbol} without its offset, and {@code module} as perf names it ({@code
   * [kernel.kallsyms]}, a library's path, or {@code /tmp/perf-PID.map} for JIT-compiled code).
   */
  record Frame(String symbol, String module) {

    boolean inKernel() {
      return module.equals("[kernel.kallsyms]");
    }

    boolean jitCompiled() {
      return module.startsWith("/tmp/perf-") && module.endsWith(".map");
    }

    /**
     * The class of a JIT-compiled Java method, from a symbol such as {@code void
     * pkg.Class.method(args)}; empty for anything else.
     */
    String javaClass() {
      int arguments = symbol.indexOf('(');
      if (!jitCompiled() || arguments < 0) {
        return "";
      }
      int start = symbol.lastIndexOf(' ', arguments) + 1;
      int method = symbol.lastIndexOf('.', arguments);
      return method > start ? symbol.substring(start, method) : "";
    }
  }
}
