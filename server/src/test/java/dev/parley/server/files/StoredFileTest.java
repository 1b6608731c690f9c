package dev.parley.server.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StoredFileTest {

  @Test
  void sizesReadAsPeopleSayThem() {
    assertEquals("0 B", StoredFile.humanSize(0));
    assertEquals("1023 B", StoredFile.humanSize(1023));
    assertEquals("1.0 KiB", StoredFile.humanSize(1024));
    assertEquals("1.5 MiB", StoredFile.humanSize(3 << 19));
    assertEquals("100 MiB", StoredFile.humanSize(100L << 20));
    assertEquals("1.0 GiB", StoredFile.humanSize(1L << 30));
  }
}
