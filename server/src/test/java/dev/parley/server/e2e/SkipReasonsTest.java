package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.opentest4j.TestAbortedException;

class SkipReasonsTest {

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final SkipReasons listener =
      new SkipReasons(new PrintStream(printed, true, StandardCharsets.UTF_8));

  @Test
  void aDisabledClassIsNamedWithTheConditionsReason() {
    listener.executionSkipped(
        test("class", ClassSource.from(StoreOutageE2eTest.class)), PostgresDatabase.MISSING);

    assertEquals("skipped StoreOutageE2eTest: " + PostgresDatabase.MISSING + "\n", printed());
  }

  @Test
  void testsAbortedByTheSameAssumptionAreNamedOncePerClass() {
    var aborted = TestExecutionResult.aborted(new TestAbortedException("no database"));
    listener.executionFinished(test("first", method("first")), aborted);
    listener.executionFinished(test("second", method("second")), aborted);
    listener.executionFinished(test("third", method("third")), TestExecutionResult.successful());

    assertEquals("skipped SkipReasonsTest: no database\n", printed());
  }

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }

  private static MethodSource method(String name) {
    return MethodSource.from(SkipReasonsTest.class.getName(), name);
  }

  private static TestIdentifier test(String name, TestSource source) {
    return TestIdentifier.from(
        new AbstractTestDescriptor(UniqueId.root("test", name), name, source) {
          @Override
          public TestDescriptor.Type getType() {
            return TestDescriptor.Type.TEST;
          }
        });
  }
}
