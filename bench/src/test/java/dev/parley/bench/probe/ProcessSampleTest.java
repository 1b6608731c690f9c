package dev.parley.bench.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessSampleTest {

  @Test
  void addsUserAndSystemTimeOfAStatLine() {
    String stat =
        "4242 (java) S 1 4242 4242 0 -1 4194560 52017 0 3 0 1234 567 0 0 20 0 45 0 2839 "
            + "9208848384 50176 18446744073709551615 1 1 0 0 0 0 0 4096 16796879 0 0 0 17 1 0 0";

    assertEquals(1234 + 567, ProcessSample.cpuTicksFromStat(stat));
  }

  @Test
  void readsAStatLineWhoseCommandHoldsSpacesAndParentheses() {
    String stat = "7 (my (odd) server) R 1 7 7 0 -1 0 0 0 0 0 10 20 0 0 20 0 1 0 5 0 0";

    assertEquals(30, ProcessSample.cpuTicksFromStat(stat));
  }

  @Test
  void readsResidentMemoryFromStatus() {
    String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmRSS:\t  204800 kB\nThreads:\t42\n";

    assertEquals(204800, ProcessSample.residentKibFromStatus(status));
  }

  @Test
  void refusesAStatusWithoutResidentMemory() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ProcessSample.residentKibFromStatus("Name:\tzombie\nState:\tZ (zombie)\n"));
  }

  @Test
  void readsTheCoresAProcessMayRunOn() {
    String status = "Name:\tjava\nCpus_allowed:\t3f\nCpus_allowed_list:\t0-2,5\n";

    assertEquals(List.of(0, 1, 2, 5), ProcessSample.allowedCoresFromStatus(status));
  }

  @Test
  void addsTheBusyTimeOfTheChosenCores() {
    String stat =
        "cpu  300 0 30 9000 5 1 1 0 0 0\n"
            + "cpu0 100 1 10 4000 2 1 2 3 0 0\n"
            + "cpu1 200 0 20 5000 3 0 0 0 0 0\n"
            + "intr 12345\n";

    assertEquals(100 + 1 + 10 + 1 + 2 + 3, ProcessSample.busyTicksFromStat(stat, List.of(0)));
    assertEquals(337, ProcessSample.busyTicksFromStat(stat, List.of(0, 1)));
  }

  @Test
  void samplesThisProcess() {
    ProcessSample sample = ProcessProbe.ofThisProcess(100).sample();

    assertTrue(sample.residentKib() > 0);
    assertTrue(sample.cpuTicks() >= 0);
    assertTrue(sample.cores() > 0);
  }
}
