package dev.parley.server.tls;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Looks at the certificate's files now and then, on the dispatcher for blocking I/O, and has the
 * certificate read again when they changed; broken new files are logged and the old certificate
 * stays in force.
 */
public final class CertificateReloader extends AbstractBehavior<CertificateReloader.Command> {

  public sealed interface Command permits Check, Checked {}

  private enum Check implements Command {
    INSTANCE
  }

  private record Checked(Optional<String> newFingerprint, Throwable failure) implements Command {}

  public static Behavior<Command> create(ServerCertificate certificate, Duration interval) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> new CertificateReloader(context, timers, certificate, interval)));
  }

  private final ServerCertificate certificate;
  private final Executor blockingIo;
  private boolean checking;

  private CertificateReloader(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      ServerCertificate certificate,
      Duration interval) {
    super(context);
    this.certificate = certificate;
    this.blockingIo = context.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
    timers.startTimerWithFixedDelay(Check.INSTANCE, interval);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Check.class, this::onCheck)
        .onMessage(Checked.class, this::onChecked)
        .build();
  }

  private Behavior<Command> onCheck(Check check) {
    if (!checking) {
      checking = true;
      getContext()
          .pipeToSelf(
              CompletableFuture.supplyAsync(certificate::reloadIfChanged, blockingIo),
              Checked::new);
    }
    return this;
  }

  private Behavior<Command> onChecked(Checked checked) {
    checking = false;
    if (checked.failure() != null) {
      Throwable cause =
          checked.failure().getCause() != null ? checked.failure().getCause() : checked.failure();
      getContext()
          .getLog()
          .warn("The certificate's files changed but stay unused: {}", cause.getMessage());
    } else {
      checked
          .newFingerprint()
          .ifPresent(
              fingerprint ->
                  getContext()
                      .getLog()
                      .info(
                          "Certificate reloaded from {}: SHA-256 {}",
                          certificate.files().orElseThrow().certificateChain(),
                          fingerprint));
    }
    return this;
  }
}
