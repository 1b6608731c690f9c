package dev.parley.bench.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** The few byte-level operations that build and read JSON and IRC lines without a library. */
public final class Ascii {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private Ascii() {}

  public static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Writes {@code value} in decimal. */
  public static void putLong(ByteBuffer buffer, long value) {
    if (value < 0) {
      buffer.put((byte) '-');
      if (value == Long.MIN_VALUE) {
        buffer.put(bytes("9223372036854775808"));
        return;
      }
      value = -value;
    }
    int digits = 1;
    for (long rest = value / 10; rest > 0; rest /= 10) {
      digits++;
    }
    int end = buffer.position() + digits;
    for (int at = end - 1; at >= buffer.position(); at--) {
      buffer.put(at, (byte) ('0' + value % 10));
      value /= 10;
    }
    buffer.position(end);
  }

  /** Writes {@code value}, not negative, in exactly {@code digits} decimal digits, zero-padded. */
  public static void putZeroPadded(ByteBuffer buffer, long value, int digits) {
    int end = buffer.position() + digits;
    for (int at = end - 1; at >= buffer.position(); at--) {
      buffer.put(at, (byte) ('0' + value % 10));
      value /= 10;
    }
    buffer.position(end);
  }

  /** The first index of {@code wanted} in {@code bytes[from, to)}, or -1. */
  public static int indexOf(byte[] bytes, int from, int to, byte[] wanted) {
    byte first = wanted[0];
    int last = to - wanted.length;
    outer:
    for (int i = from; i <= last; i++) {
      if (bytes[i] != first) {
        continue;
      }
      for (int j = 1; j < wanted.length; j++) {
        if (bytes[i + j] != wanted[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /**
   * The first index of {@code wanted} in {@code bytes[from, to)}, or -1: eight bytes at a time, as
   * the load generator looks for the end of millions of lines a second.
   */
  public static int indexOf(byte[] bytes, int from, int to, byte wanted) {
    long pattern = (wanted & 0xFFL) * ONES;
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) LONGS.get(bytes, i) ^ pattern;
      // a high bit for each zero byte, that is each byte equal to wanted; the lowest is exact
      long zeros = (word - ONES) & ~word & HIGHS;
      if (zeros != 0) {
        return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  public static boolean startsWith(byte[] bytes, int from, int to, byte[] wanted) {
    if (to - from < wanted.length) {
      return false;
    }
    for (int j = 0; j < wanted.length; j++) {
      if (bytes[from + j] != wanted[j]) {
        return false;
      }
    }
    return true;
  }
}
