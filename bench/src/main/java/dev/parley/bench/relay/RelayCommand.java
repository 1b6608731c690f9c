package dev.parley.bench.relay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code relay}: runs the raw relay until it is killed. */
@Command(
    name = "relay",
    mixinStandardHelpOptions = true,
    description =
        "Runs the raw relay, the baseline for Parley: one thread, hello, join, say relayed as"
            + " message to every member, batched writes. Logs 'Listening on HOST:PORT'.")
public final class RelayCommand implements Callable<Integer> {

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Listen address.")
  private String host;

  @Option(names = "--port", defaultValue = "0", description = "Listen port; 0 picks a free one.")
  private int port;

  @Option(
      names = "--max-pending-output",
      defaultValue = "4194304",
      description = "Bytes waiting for one reader before the relay stops reading everyone.")
  private int maxPendingOutput;

  @Override
  public Integer call() throws IOException {
    var relay = RawRelay.bind(new InetSocketAddress(host, port), maxPendingOutput);
    var address = relay.address();
    System.out.println(
        "Listening on " + address.getAddress().getHostAddress() + ":" + address.getPort());
    System.out.flush();
    relay.run();
    return 0;
  }
}
