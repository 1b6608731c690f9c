package dev.parley.server.e2e;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints on the build's console why tests did not run, once per test class and reason: those a
 * condition disabled ({@code @EnabledIf}) and those an assumption aborted. Surefire only counts
 * them. Registered in {@code META-INF/services}.
 */
public final class SkipReasons implements TestExecutionListener {

  // "class: reason" already printed
  private final Set<String> printed = ConcurrentHashMap.newKeySet();
  private final PrintStream out;

  /** The listener of the test run, as JUnit's launcher makes it: it prints on stdout. */
  public SkipReasons() {
    this(System.out);
  }

  SkipReasons(PrintStream out) {
    this.out = out;
  }

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    print(test, reason);
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      print(test, result.getThrowable().map(Throwable::getMessage).orElse(null));
    }
  }

  private void print(TestIdentifier test, String reason) {
    String line =
        "skipped " + testClass(test) + ": " + (reason == null ? "no reason given" : reason);
    if (printed.add(line)) {
      out.println(line);
    }
  }

  /** The test's class without its package, or its display name when it has no class. */
  private static String testClass(TestIdentifier test) {
    String name = test.getSource().map(SkipReasons::className).orElse(test.getDisplayName());
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private static String className(TestSource source) {
    if (source instanceof ClassSource test) {
      return test.getClassName();
    }
    if (source instanceof MethodSource test) {
      return test.getClassName();
    }
    return null;
  }
}
