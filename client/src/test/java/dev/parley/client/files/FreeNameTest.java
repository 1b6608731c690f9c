package dev.parley.client.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreeNameTest {

  @TempDir Path folder;

  @Test
  void aNameNoFileHasIsTakenAsItIs() {
    assertEquals(folder.resolve("holiday.png"), FreeName.in(folder, "holiday.png"));
  }

  @Test
  void aTakenNameGetsTheFirstFreeNumberBeforeItsExtension() throws IOException {
    Files.createFile(folder.resolve("holiday.png"));
    assertEquals(folder.resolve("holiday (1).png"), FreeName.in(folder, "holiday.png"));
    Files.createFile(folder.resolve("holiday (1).png"));
    assertEquals(folder.resolve("holiday (2).png"), FreeName.in(folder, "holiday.png"));
  }

  @Test
  void aNameWithoutExtensionOrWithALeadingDotIsNumberedAtItsEnd() throws IOException {
    Files.createFile(folder.resolve("README"));
    Files.createFile(folder.resolve(".bashrc"));
    assertEquals(folder.resolve("README (1)"), FreeName.in(folder, "README"));
    assertEquals(folder.resolve(".bashrc (1)"), FreeName.in(folder, ".bashrc"));
  }

  @Test
  void aNameFromTheServerStaysInTheFolder() {
    assertEquals(folder.resolve(".._etc_passwd"), FreeName.in(folder, "../etc/passwd"));
    assertEquals(folder.resolve("file"), FreeName.in(folder, ".."));
    assertEquals("a_b", FreeName.safe("a\\b"));
  }

  @Test
  void aPartSitsBesideItsFile() {
    assertEquals(
        folder.resolve("holiday.png.part"), FreeName.partOf(folder.resolve("holiday.png")));
  }
}
