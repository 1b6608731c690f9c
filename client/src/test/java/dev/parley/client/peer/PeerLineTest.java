package dev.parley.client.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The lines of the direct link, the proofs of the token, and the names files land under. */
class PeerLineTest {

  static Stream<PeerLine> lines() {
    return Stream.of(
        new PeerLine.Hello("p1", "alice", "proof"),
        new PeerLine.Text("hi\nthere"),
        new PeerLine.FileOffer("f1", "a.txt", 12, "ab".repeat(32)),
        new PeerLine.Resume("f1", 4),
        new PeerLine.Chunk("f1", 4, "AAEC"),
        new PeerLine.Ack("f1", 7),
        new PeerLine.Done("f1"),
        new PeerLine.Refuse("f1", "too large"),
        new PeerLine.Bye());
  }

  @ParameterizedTest
  @MethodSource("lines")
  void decodesAnEncodedLineBackToAnEqualOneOnOneLine(PeerLine line) {
    String encoded = PeerLine.encode(line);
    assertEquals(1, encoded.chars().filter(c -> c == '\n').count());
    assertEquals(line, PeerLine.decode(encoded.strip()));
  }

  @Test
  void writesFieldsInSnakeCaseUnderTheirType() {
    assertEquals(
        "{\"type\":\"file\",\"file\":\"f1\",\"name\":\"a\",\"size\":1,\"sha256\":\"x\"}\n",
        PeerLine.encode(new PeerLine.FileOffer("f1", "a", 1, "x")));
  }

  @Test
  void readsALineOfANewerTypeAsNothing() {
    assertNull(PeerLine.decode("{\"type\":\"video\",\"x\":1}"));
  }

  @Test
  void refusesWhatIsNoPeerLine() {
    assertThrows(IllegalArgumentException.class, () -> PeerLine.decode("not json"));
  }

  @Test
  void theTwoSidesProveTheTokenDifferentlyAndOnlyWithIt() {
    assertNotEquals(PeerProof.ofConnecting("t"), PeerProof.ofListening("t"));
    assertNotEquals(PeerProof.ofConnecting("t"), PeerProof.ofConnecting("u"));
    assertTrue(PeerProof.matches(PeerProof.ofListening("t"), PeerProof.ofListening("t")));
    assertTrue(!PeerProof.matches(PeerProof.ofListening("t"), null));
    assertTrue(!PeerProof.ofConnecting("secret-token").contains("secret-token"));
  }

  @ParameterizedTest
  @CsvSource({
    "photo.jpg, photo.jpg",
    "../../etc/passwd, passwd",
    "C:\\Users\\bob\\notes.txt, notes.txt",
    ".bashrc, bashrc",
    "'..', file",
    "'', file",
    "a:b*c?.txt, a_b_c_.txt"
  })
  void aFileNameNeverReachesOutsideTheDownloadsFolder(String offered, String saved) {
    assertEquals(saved, IncomingFile.safeName(offered));
  }
}
