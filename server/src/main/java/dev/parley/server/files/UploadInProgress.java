package dev.parley.server.files;

import dev.parley.protocol.ServerFrame;
import dev.parley.server.directory.Directory;
import dev.parley.server.files.FileShelf.CheckUpload;
import dev.parley.server.files.FileShelf.EndAppend;
import dev.parley.server.files.FileShelf.StartAppend;
import dev.parley.server.room.Room;
import java.time.Duration;
import java.time.Instant;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One upload, from its slot to its end: takes the bytes of one request at a time at the offset they
 * continue, and once the last is in checks the SHA-256, keeps the file and shares it as its
 * uploader's message in the room or to the person; then, shared or given up, tells its {@link
 * FileShelf} and stops. What touches the disk runs on the dispatcher for blocking I/O.
 */
final class UploadInProgress extends AbstractBehavior<UploadInProgress.Command> {

  sealed interface Command
      permits CheckUpload, StartAppend, EndAppend, AppendMeasured, Finished, Kept, Shared, GiveUp {}

  /**
   * Where the file is to be shared: a room ({@code roomRef} its actor), or the person {@code to}.
   */
  record Destination(String room, ActorRef<Room.Command> roomRef, String to) {}

  // size: the bytes on disk after a request, -1 when its body went past the declared size
  private record AppendMeasured(long size, Throwable failure, ActorRef<UploadAnswer> replyTo)
      implements Command {}

  // the last byte is in: digest, the SHA-256 read back
  private record Finished(String digest, Throwable failure, ActorRef<UploadAnswer> replyTo)
      implements Command {}

  // the complete file is where downloads find it, unless failure
  private record Kept(Throwable failure, ActorRef<UploadAnswer> replyTo) implements Command {}

  // refusal: why the file's message was not stored, null when it was; echo: a direct message's
  private record Shared(String refusal, ServerFrame.Direct echo, ActorRef<UploadAnswer> replyTo)
      implements Command {}

  private enum GiveUp implements Command {
    INSTANCE
  }

  private static final Duration SHARE_TIMEOUT = Duration.ofSeconds(30);
  // a request under way when time is up ends first
  private static final Duration GIVE_UP_RETRY = Duration.ofSeconds(1);
  private static final String GONE = "no such upload; it may have expired";

  static Behavior<Command> create(
      StoredFile file,
      Destination destination,
      ActorRef<Directory.Event> uploader,
      Instant deadline,
      FileFolder folder,
      ActorRef<Directory.Command> directory,
      ActorRef<FileShelf.Command> shelf) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers ->
                    new UploadInProgress(
                        context,
                        timers,
                        file,
                        destination,
                        uploader,
                        deadline,
                        folder,
                        directory,
                        shelf)));
  }

  private final TimerScheduler<Command> timers;
  private final StoredFile file;
  private final Destination destination;
  private final ActorRef<Directory.Event> uploader;
  private final FileFolder folder;
  private final ActorRef<Directory.Command> directory;
  private final ActorRef<FileShelf.Command> shelf;
  private final DiskWork<Command> disk;
  private long offset;
  // a request is writing, from writingFrom on
  private boolean writing;
  private long writingFrom;
  // the last byte is in and the file is being checked and shared: no request may change it
  private boolean finishing;

  private UploadInProgress(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      StoredFile file,
      Destination destination,
      ActorRef<Directory.Event> uploader,
      Instant deadline,
      FileFolder folder,
      ActorRef<Directory.Command> directory,
      ActorRef<FileShelf.Command> shelf) {
    super(context);
    this.timers = timers;
    this.file = file;
    this.destination = destination;
    this.uploader = uploader;
    this.folder = folder;
    this.directory = directory;
    this.shelf = shelf;
    this.disk = new DiskWork<>(context);
    Duration left = Duration.between(Instant.now(), deadline);
    timers.startSingleTimer(GiveUp.INSTANCE, left.isNegative() ? Duration.ZERO : left);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(CheckUpload.class, this::onCheckUpload)
        .onMessage(StartAppend.class, this::onStartAppend)
        .onMessage(EndAppend.class, this::onEndAppend)
        .onMessage(AppendMeasured.class, this::onAppendMeasured)
        .onMessage(Finished.class, this::onFinished)
        .onMessage(Kept.class, this::onKept)
        .onMessage(Shared.class, this::onShared)
        .onMessage(GiveUp.class, giveUp -> onGiveUp())
        .build();
  }

  private Behavior<Command> onCheckUpload(CheckUpload check) {
    check
        .replyTo()
        .tell(
            UploadTokens.matches(check.token(), file.tokenHash())
                ? answer(200, "")
                : UploadAnswer.refused(403, "wrong upload token"));
    return this;
  }

  private Behavior<Command> onStartAppend(StartAppend start) {
    long size = file.size();
    if (!UploadTokens.matches(start.token(), file.tokenHash())) {
      start.replyTo().tell(UploadAnswer.refused(403, "wrong upload token"));
    } else if (writing || finishing) {
      start.replyTo().tell(answer(409, "another request is writing this upload"));
    } else if (start.offset() != offset) {
      start
          .replyTo()
          .tell(
              answer(
                  409, "Upload-Offset is " + start.offset() + ", but " + offset + " bytes are in"));
    } else if (start.length().isPresent() && start.length().getAsLong() > size - offset) {
      start.replyTo().tell(answer(413, pastTheSize()));
    } else {
      writing = true;
      writingFrom = offset;
      start.replyTo().tell(new AppendStart.Granted(folder.part(file.id()), offset, size - offset));
    }
    return this;
  }

  private Behavior<Command> onEndAppend(EndAppend end) {
    if (!writing) {
      end.replyTo().tell(UploadAnswer.refused(404, GONE));
      return this;
    }
    String id = file.id();
    long from = writingFrom;
    if (end.beyondSize()) {
      disk.run(
          () -> {
            folder.truncatePart(id, from);
            return new AppendMeasured(-1, null, end.replyTo());
          },
          failure -> new AppendMeasured(-1, failure, end.replyTo()));
    } else {
      disk.run(
          () -> new AppendMeasured(folder.partSize(id), null, end.replyTo()),
          failure -> new AppendMeasured(-1, failure, end.replyTo()));
    }
    return this;
  }

  private Behavior<Command> onAppendMeasured(AppendMeasured measured) {
    writing = false;
    if (measured.failure() != null) {
      getContext().getLog().warn("Upload {} failed: {}", file.id(), measured.failure().toString());
      measured.replyTo().tell(answer(500, "the server could not write the upload"));
    } else if (measured.size() < 0) {
      measured.replyTo().tell(answer(413, pastTheSize() + "; nothing of it was kept"));
    } else if (measured.size() < file.size()) {
      offset = measured.size();
      measured.replyTo().tell(answer(204, ""));
    } else {
      offset = measured.size();
      finishing = true;
      String id = file.id();
      disk.run(
          () -> new Finished(folder.sha256OfPart(id), null, measured.replyTo()),
          failure -> new Finished("", failure, measured.replyTo()));
    }
    return this;
  }

  private Behavior<Command> onFinished(Finished finished) {
    if (finished.failure() != null || !finished.digest().equals(file.sha256())) {
      finished
          .replyTo()
          .tell(
              UploadAnswer.refused(
                  422,
                  finished.failure() != null
                      ? "the server could not read the upload back; it is deleted"
                      : "the file's SHA-256 is "
                          + finished.digest()
                          + ", not "
                          + file.sha256()
                          + " as declared; it is deleted"));
      return ended(false);
    }
    disk.run(
        () -> {
          folder.complete(file);
          return new Kept(null, finished.replyTo());
        },
        failure -> new Kept(failure, finished.replyTo()));
    return this;
  }

  // announced only once its bytes are where downloads find them
  private Behavior<Command> onKept(Kept kept) {
    if (kept.failure() != null) {
      getContext().getLog().warn("Upload {} not kept: {}", file.id(), kept.failure().toString());
      kept.replyTo().tell(UploadAnswer.refused(500, "the server could not keep the file"));
      return ended(false);
    }
    // downloadable before anyone hears of it: the shelf is told ahead of the room or directory
    shelf.tell(new FileShelf.UploadKept(file));
    if (destination.roomRef() != null) {
      getContext()
          .ask(
              Room.Event.class,
              destination.roomRef(),
              SHARE_TIMEOUT,
              echo ->
                  new Room.Post(file.owner(), file.announcement(), null, echo, null, file.shared()),
              (answer, failure) -> new Shared(refusalOf(answer, failure), null, kept.replyTo()));
    } else {
      getContext()
          .ask(
              Directory.Event.class,
              directory,
              SHARE_TIMEOUT,
              echo ->
                  new Directory.SendDirect(
                      file.owner(),
                      destination.to(),
                      file.announcement(),
                      null,
                      echo,
                      null,
                      file.shared()),
              (answer, failure) ->
                  new Shared(
                      refusalOf(answer, failure),
                      answer instanceof Directory.Answer told
                              && told.frame() instanceof ServerFrame.Direct direct
                          ? direct
                          : null,
                      kept.replyTo()));
    }
    return this;
  }

  private static String refusalOf(Object answer, Throwable failure) {
    if (failure != null) {
      return "the file's message could not be stored in time; try again later";
    }
    ServerFrame frame =
        answer instanceof Room.Answer room
            ? room.frames().get(0)
            : answer instanceof Directory.Answer direct ? direct.frame() : null;
    return frame instanceof ServerFrame.Error error ? error.message() : null;
  }

  private Behavior<Command> onShared(Shared shared) {
    if (shared.refusal() != null) {
      shared
          .replyTo()
          .tell(
              UploadAnswer.refused(
                  409, "not shared: " + shared.refusal() + "; the file is deleted"));
      return ended(false);
    }
    if (shared.echo() != null) {
      // the uploader's conversation with the recipient shows the file too
      uploader.tell(new Directory.DirectReceived(shared.echo()));
    }
    getContext()
        .getLog()
        .info(
            "{} shared file {} ({}, {} bytes) {}",
            file.owner(),
            file.id(),
            file.contentType(),
            file.size(),
            destination.room() != null ? "in " + destination.room() : "with " + destination.to());
    shared.replyTo().tell(new UploadAnswer(204, "", file.size(), file.size(), true));
    return ended(true);
  }

  private Behavior<Command> onGiveUp() {
    if (writing || finishing) {
      timers.startSingleTimer(GiveUp.INSTANCE, GIVE_UP_RETRY);
      return this;
    }
    getContext().getLog().info("Upload {} of {} given up unfinished", file.id(), file.owner());
    return ended(false);
  }

  /** Tells the shelf the file is shared, or given up with its bytes, and stops. */
  private Behavior<Command> ended(boolean shared) {
    shelf.tell(new FileShelf.UploadEnded(file, shared));
    return Behaviors.stopped();
  }

  private UploadAnswer answer(int status, String message) {
    return new UploadAnswer(status, message, offset, file.size(), false);
  }

  private String pastTheSize() {
    return "the body would take the file past its declared size of " + file.size() + " bytes";
  }
}
