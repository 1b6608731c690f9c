package dev.parley.bench.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * What Linux tells about a process at one moment: the CPU time it has used so far, its resident
 * memory, and the CPU time all processes together have used so far on the cores it may run on
 * (times in clock ticks). The difference between the two CPU times is what other processes took
 * from its cores.
 */
public record ProcessSample(
    long takenAtNanos, long cpuTicks, long residentKib, int cores, long coresBusyTicks) {

  /**
   * The user and system time of a {@code /proc/PID/stat} line: fields 14 and 15, counted after the
   * command name, which is in parentheses and may itself hold spaces and parentheses.
   */
  static long cpuTicksFromStat(String stat) {
    int commandEnd = stat.lastIndexOf(')');
    if (commandEnd < 0) {
      throw new IllegalArgumentException("not a /proc/PID/stat line: " + stat);
    }
    // after ") " come the fields from the third on: state, ppid, ...
    String[] fields = stat.substring(commandEnd + 2).trim().split(" +");
    int userTime = 14 - 3;
    int systemTime = 15 - 3;
    if (fields.length <= systemTime) {
      throw new IllegalArgumentException("too few fields in /proc/PID/stat: " + stat);
    }
    return Long.parseLong(fields[userTime]) + Long.parseLong(fields[systemTime]);
  }

  /** The {@code VmRSS} of a {@code /proc/PID/status} text, in KiB. */
  static long residentKibFromStatus(String status) {
    String[] words = field(status, "VmRSS:").split("\\s+");
    if (words.length != 2 || !words[1].equals("kB")) {
      throw new IllegalArgumentException("unexpected VmRSS: " + String.join(" ", words));
    }
    return Long.parseLong(words[0]);
  }

  /** The cores of {@code Cpus_allowed_list} in a {@code /proc/PID/status} text: "0-2,5". */
  static List<Integer> allowedCoresFromStatus(String status) {
    var cores = new ArrayList<Integer>();
    for (String range : field(status, "Cpus_allowed_list:").split(",")) {
      String[] ends = range.trim().split("-");
      int first = Integer.parseInt(ends[0]);
      int last = ends.length == 2 ? Integer.parseInt(ends[1]) : first;
      for (int core = first; core <= last; core++) {
        cores.add(core);
      }
    }
    return cores;
  }

  /**
   * The busy time of the given cores in {@code /proc/stat}: user, nice, system, irq, softirq and
   * steal of each {@code cpuN} line.
   */
  static long busyTicksFromStat(String procStat, List<Integer> cores) {
    long busy = 0;
    for (String line : procStat.split("\n")) {
      if (!line.startsWith("cpu") || line.startsWith("cpu ")) {
        continue;
      }
      String[] fields = line.trim().split(" +");
      if (cores.contains(Integer.parseInt(fields[0].substring("cpu".length())))) {
        int[] busyFields = {1, 2, 3, 6, 7, 8};
        for (int field : busyFields) {
          busy += field < fields.length ? Long.parseLong(fields[field]) : 0;
        }
      }
    }
    return busy;
  }

  private static String field(String status, String name) {
    for (String line : status.split("\n")) {
      if (line.startsWith(name)) {
        return line.substring(name.length()).trim();
      }
    }
    throw new IllegalArgumentException("no " + name + " in /proc/PID/status");
  }
}
