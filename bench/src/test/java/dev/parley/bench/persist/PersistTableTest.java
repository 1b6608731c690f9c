package dev.parley.bench.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistTableTest {

  private static final PersistReport H2 =
      new PersistReport(
          "H2 file",
          100,
          2.5,
          List.of(
              new PersistReport.Sending(1, 100, 10, 12_345, 1_000, 1.5, 9.25, 20, 97, 2, 30, 0, 0),
              new PersistReport.Sending(10, 100, 10, 200_000, 15_000, 20, 55, 80, 99, 1, 60, 3, 0)),
          new PersistReport.Fill(10, 100_000, 5, 3 * 1024 * 1024, 1024 * 1024, 0.5, 0),
          List.of(
              new PersistReport.Recovery(3, 1, 0.5, 50, 100_000),
              new PersistReport.Recovery(5, 2, 0.75, 50, 100_000),
              new PersistReport.Recovery(4, 4, 0.25, 50, 100_000)));

  private static final PersistReport MEMORY =
      new PersistReport(
          "H2 in memory",
          100,
          2,
          List.of(
              new PersistReport.Sending(10, 100, 10, 300_000, 25_000, 10, 30, 40, 99, 0, 70, 4, 0)),
          null,
          List.of());

  @Test
  void setsTheRunsSideBySide() {
    String table = PersistTable.render(List.of(H2, MEMORY));

    assertTrue(table.startsWith("| figure | H2 file | H2 in memory |\n|---|---:|---:|\n"), table);
    assertTrue(table.contains("| 1 sender (window 100): says stored/s | 1,235 | - |\n"), table);
    assertTrue(
        table.contains("| 10 senders (window 100): says stored/s | 20,000 | 30,000 |\n"), table);
    assertTrue(
        table.contains(
            "| 1 sender (window 100): say to acknowledgement p50 / p99 | 1.50 ms / 9.25 ms | - |\n"),
        table);
    assertTrue(
        table.contains(
            "| 10 senders (window 100): CPU of the server / of others on its core"
                + " | 99 % / 1 % | 99 % / 0 % |\n"
                + "| 10 senders (window 100): CPU of the bench / of others on its core"
                + " | 60 % / 3 % | 70 % / 4 % |\n"),
        table);
    assertTrue(table.contains("| fill: time (says stored/s) | 5.00 s (20,000) | - |\n"), table);
    assertTrue(table.contains("| store on disk after the fill | 3.00 MiB | - |\n"), table);
    assertTrue(table.contains("| store on disk after the restarts | 1.00 MiB | - |\n"), table);
  }

  @Test
  void showsTheMedianOfTheRestarts() {
    String table = PersistTable.render(List.of(H2));

    assertTrue(table.contains("| restarts | 3 |\n"), table);
    assertTrue(table.contains("| recovery: start to Listening | 4.00 s |\n"), table);
    assertTrue(table.contains("| recovery: Listening to join answered | 2.00 s |\n"), table);
    assertTrue(table.contains("| recovery: start to join answered | 7.00 s |\n"), table);
    assertTrue(table.contains("| recovery: replayed, last seq | 50, 100,000 |\n"), table);
  }

  @Test
  void takesTheMeanOfTheMiddleTwoForAnEvenCount() {
    assertEquals(2.5, PersistTable.median(new double[] {4, 1, 3, 2}));
    assertEquals(3, PersistTable.median(new double[] {5, 1, 3}));
  }

  @Test
  void readsBackTheFiguresItWrote(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("figures.json");

    H2.write(file);
    MEMORY.write(dir.resolve("memory.json"));

    assertTrue(Files.readString(file).contains("\"configuration\" : \"H2 file\""));
    assertEquals(H2, PersistReport.read(file));
    assertEquals(MEMORY, PersistReport.read(dir.resolve("memory.json")));
  }
}
