package dev.parley.bench.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeCategoryTest {

  private static final String JIT = "(/tmp/perf-15895.map)";

  private static List<PerfSample> read(String text) throws IOException {
    var samples = new ArrayList<PerfSample>();
    PerfScript.read(new BufferedReader(new StringReader(text)), samples::add);
    return samples;
  }

  private static String sample(String thread, String... frames) {
    var text =
        new StringBuilder(thread).append(" 16022 70367.787660:    1001001 cpu-clock:pppH: \n");
    for (String frame : frames) {
      text.append("\t    7f50c1082c76 ").append(frame).append('\n');
    }
    return text.append('\n').toString();
  }

  @Test
  void readsTheThreadAndTheFramesOfEachSampleInnermostFirst() throws IOException {
    var samples =
        read(
            sample(
                    "parley-pekko.ac",
                    "fdget_pos+0x5 ([kernel.kallsyms])",
                    "int sun.nio.ch.FileDispatcherImpl.write0(java.io.FileDescriptor, long, int)+0xd6 "
                        + JIT)
                + sample("VM Thread", "VMThread::run+0x12 (/usr/lib/jvm/lib/server/libjvm.so)"));

    assertEquals(2, samples.size());
    assertEquals("parley-pekko.ac", samples.get(0).thread());
    assertEquals("VM Thread", samples.get(1).thread());
    var frames = samples.get(0).stack();
    assertEquals("fdget_pos", frames.get(0).symbol());
    assertEquals("[kernel.kallsyms]", frames.get(0).module());
    assertEquals("sun.nio.ch.FileDispatcherImpl", frames.get(1).javaClass());
  }

  @Test
  void aSampleInTheKernelCountsByItsSystemCall() throws IOException {
    var write =
        read(sample(
                "parley-pekko.ac",
                "tcp_v4_rcv+0xdf9 ([kernel.kallsyms])",
                "tcp_sendmsg+0x2b ([kernel.kallsyms])",
                "ksys_write+0xc3 ([kernel.kallsyms])",
                "do_syscall_64+0x71 ([kernel.kallsyms])",
                "__GI___libc_write+0x4f (/usr/lib/x86_64-linux-gnu/libc.so.6)"))
            .get(0);
    var futex =
        read(sample(
                "parley-pekko.ac",
                "finish_task_switch.isra.0+0x9 ([kernel.kallsyms])",
                "__x64_sys_futex+0x10 ([kernel.kallsyms])"))
            .get(0);
    var preempted =
        read(sample(
                "parley-pekko.ac",
                "finish_task_switch.isra.0+0x9 ([kernel.kallsyms])",
                "irqentry_exit_to_user_mode+0x1 ([kernel.kallsyms])"))
            .get(0);

    assertEquals(TimeCategory.KERNEL_WRITE, TimeCategory.of(write));
    assertEquals(TimeCategory.KERNEL_FUTEX, TimeCategory.of(futex));
    assertEquals(TimeCategory.KERNEL_SWITCHES, TimeCategory.of(preempted));
  }

  @Test
  void javaCodeCountsByTheInnermostFrameOfAKnownPackage() throws IOException {
    var samples =
        read(
            sample(
                    "parley-pekko.ac",
                    "void java.util.ArrayDeque.addLast(java.lang.Object)+0x10 " + JIT,
                    "void dev.parley.server.session.OutgoingQueue.add(org.apache.pekko.util.ByteString)+0x1 "
                        + JIT,
                    "void org.apache.pekko.dispatch.Mailbox.run()+0x1b8 " + JIT)
                + sample(
                    "parley-pekko.ac",
                    "void org.apache.pekko.actor.Cell.sendMessage(java.lang.Object, org.apache.pekko.actor.ActorRef)+0x4 "
                        + JIT,
                    "void dev.parley.server.room.Room.deliver(java.util.List, java.util.List)+0x1 "
                        + JIT)
                + sample(
                    "parley-pekko.ac",
                    "java.lang.Object org.apache.pekko.io.TcpConnection$$anonfun$handleWriteMessages$1.applyOrElse(java.lang.Object, scala.Function1)+0x2b8 "
                        + JIT));

    assertEquals(TimeCategory.SESSION, TimeCategory.of(samples.get(0)));
    assertEquals(TimeCategory.ACTOR_CELLS, TimeCategory.of(samples.get(1)));
    assertEquals(TimeCategory.PEKKO_TCP, TimeCategory.of(samples.get(2)));
  }

  @Test
  void theCollectorTheCompilersAndTheStoresThreadsCountByThread() throws IOException {
    var samples =
        read(
            sample("VM Thread", "DefNewGeneration::collect+0x1 (/usr/lib/jvm/libjvm.so)")
                + sample("C2 CompilerThre", "PhaseIdealLoop::build+0x1 (/usr/lib/jvm/libjvm.so)")
                + sample("db-3", "long org.h2.command.dml.Insert.insertRows()+0x1 " + JIT)
                + sample("parley-pekko.io", "ep_poll+0x1 ([kernel.kallsyms])"));

    assertEquals(
        List.of(
            TimeCategory.COLLECTOR,
            TimeCategory.JIT,
            TimeCategory.STORE_THREADS,
            TimeCategory.PEKKO_TCP_SELECTOR),
        samples.stream().map(TimeCategory::of).toList());
  }

  @Test
  void theTableGivesEachCategoryItsShareOfTheCpuPerDelivery() throws IOException {
    var split = new TimeSplit();
    read(sample("parley-pekko.ac", "ksys_write+0xc3 ([kernel.kallsyms])")
            + sample("parley-pekko.ac", "ksys_write+0xc3 ([kernel.kallsyms])")
            + sample("parley-pekko.ac", "ksys_write+0xc3 ([kernel.kallsyms])")
            + sample("VM Thread", "DefNewGeneration::collect+0x1 (/usr/lib/jvm/libjvm.so)"))
        .forEach(split);

    String table = TimeSplit.table(List.of(new TimeSplit.Column("parley", split, 8.0)));

    assertEquals(
        String.join(
            "\n",
            "| where | parley us | share | ",
            "|---|---:|---:|",
            "| kernel: socket writes (with loopback's receive) | 6.00 | 75.0 % | ",
            "| collector and safepoints | 2.00 | 25.0 % | ",
            "| **CPU per delivery** | **8.00** | 4 samples | ",
            ""),
        table);
  }
}
