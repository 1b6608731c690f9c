package dev.parley.bench.tls;

/** How the bench's clients reach the server: the cleartext port, or the TLS port. */
enum Transport {
  CLEARTEXT("cleartext"),
  TLS("TLS");

  private final String label;

  Transport(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
