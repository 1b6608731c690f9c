package dev.parley.client.files;

import dev.parley.client.command.UserCommand;
import dev.parley.client.connection.ChatView;
import dev.parley.client.connection.Connection;
import dev.parley.client.files.FileEvent.Direction;
import dev.parley.protocol.ServerFrame;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The console client's files shared through the server, docs/protocol.md's Files: {@code /send}
 * reads a file for its SHA-256, asks the server for an upload slot through the connection, one at a
 * time, and uploads it; {@code /files} lists the files announced to the user this session; {@code
 * /get} downloads one. Uploads and downloads run on threads of their own, a few at once, and tell
 * the user through the connection's view; the user's command is answered when its transfer ends.
 */
public final class FileSharing extends AbstractBehavior<FileSharing.Command> {

  public sealed interface Command
      permits Carry, Announced, SlotGiven, ChatBack, Read, SlotAsked, TransferEnded {}

  /** Carry out what the user typed; {@code replyTo} hears when it is done. */
  public record Carry(UserCommand.FileCommand command, ActorRef<Connection.Outcome> replyTo)
      implements Command {}

  /** A message or direct message that carries a file was shown. */
  record Announced(ServerFrame frame) implements Command {}

  /** The server's answer to the upload asked for. */
  record SlotGiven(ServerFrame.UploadSlot slot) implements Command {}

  /** The chat connection is (back) up: transfers waiting to try again try now. */
  enum ChatBack implements Command {
    INSTANCE
  }

  /** A file to send, read: {@code failure} null, or why it could not be. */
  private record Read(Sending sending, String sha256, Throwable failure) implements Command {}

  private record SlotAsked(Connection.Outcome outcome) implements Command {}

  private record TransferEnded(
      long transfer,
      String name,
      Direction direction,
      FileEvent last,
      Throwable failure,
      ActorRef<Connection.Outcome> replyTo)
      implements Command {}

  /** A file to send, and then what the server is asked for it. */
  private record Sending(
      long transfer,
      Path path,
      String name,
      long size,
      String contentType,
      String room,
      String to,
      ActorRef<Connection.Outcome> replyTo) {

    String where() {
      return room != null ? "#" + room : to;
    }
  }

  private record Asking(Sending sending, String sha256) {}

  /** The file sharing of {@code connection}, and the view it shows through. */
  public record Attached(ActorRef<Command> actor, ChatView view) {}

  /**
   * Starts the file sharing as a child of the connection, with the settings of the actor system's
   * configuration; the connection shows everything through the view it returns.
   */
  public static Attached attach(
      ActorContext<?> context, ActorRef<Connection.Command> connection, ChatView view) {
    var settings = FilesSettings.fromConfig(context.getSystem().settings().config());
    var watched = new FilesView(view);
    ActorRef<Command> actor =
        context.spawn(
            Behaviors.<Command>setup(
                sharing -> new FileSharing(sharing, settings, connection, watched)),
            "files");
    watched.forwardTo(actor);
    return new Attached(actor, watched);
  }

  private final FilesSettings settings;
  private final ActorRef<Connection.Command> connection;
  private final FilesView view;
  private final HttpDoor door;
  private final RetryPause pause = new RetryPause();
  private final ExecutorService transfers;
  private final SeenFiles seen = new SeenFiles();
  private final Deque<Asking> toAsk = new ArrayDeque<>();
  // where each download under way goes, by transfer
  private final Map<Long, Path> downloading = new HashMap<>();
  private final ActorRef<Connection.Outcome> slotAnswers;
  private long lastTransfer;
  // the upload whose slot is asked for now, and the slot once it came
  private Asking asked;
  private ServerFrame.UploadSlot slot;

  private FileSharing(
      ActorContext<Command> context,
      FilesSettings settings,
      ActorRef<Connection.Command> connection,
      FilesView view) {
    super(context);
    this.settings = settings;
    this.connection = connection;
    this.view = view;
    this.door = new HttpDoor(settings);
    var threads = new AtomicInteger();
    this.transfers =
        Executors.newFixedThreadPool(
            settings.transfersAtOnce(),
            task -> {
              Thread thread = new Thread(task, "parley-files-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.slotAnswers = context.messageAdapter(Connection.Outcome.class, SlotAsked::new);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Carry.class, this::onCarry)
        .onMessage(Announced.class, this::onAnnounced)
        .onMessage(SlotGiven.class, this::onSlotGiven)
        .onMessage(ChatBack.class, back -> onChatBack())
        .onMessage(Read.class, this::onRead)
        .onMessage(SlotAsked.class, this::onSlotAsked)
        .onMessage(TransferEnded.class, this::onTransferEnded)
        .onSignal(PostStop.class, stop -> onStop())
        .build();
  }

  private Behavior<Command> onCarry(Carry carry) {
    UserCommand.FileCommand command = carry.command();
    if (command instanceof UserCommand.SendFile send) {
      return onSendFile(send, carry.replyTo());
    }
    if (command instanceof UserCommand.GetFile get) {
      return onGetFile(get, carry.replyTo());
    }
    view.show(new FileEvent.Listed(seen.all()));
    carry.replyTo().tell(Connection.Answered.INSTANCE);
    return this;
  }

  private Behavior<Command> onSendFile(
      UserCommand.SendFile send, ActorRef<Connection.Outcome> replyTo) {
    Path path = typedPath(send.path());
    String name = path.getFileName() == null ? send.path() : path.getFileName().toString();
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      String why =
          Files.isDirectory(path)
              ? path + " is a folder; /send shares one file"
              : Files.exists(path) ? "cannot read " + path : "there is no file " + path;
      return refused(Direction.UP, name, why, replyTo);
    }
    long size;
    try {
      size = Files.size(path);
    } catch (IOException e) {
      return refused(Direction.UP, name, "cannot read " + path, replyTo);
    }
    var sending =
        new Sending(
            ++lastTransfer,
            path,
            name,
            size,
            FileDigest.contentType(path),
            send.room(),
            send.to(),
            replyTo);
    getContext()
        .pipeToSelf(
            CompletableFuture.supplyAsync(() -> sha256(path), transfers),
            (sha256, failure) -> new Read(sending, sha256, failure));
    return this;
  }

  private Behavior<Command> onRead(Read read) {
    Sending sending = read.sending();
    if (read.failure() != null) {
      return refused(
          Direction.UP,
          sending.name(),
          "cannot read " + sending.path() + ": " + FileUpload.reason(unwrapped(read.failure())),
          sending.replyTo());
    }
    toAsk.add(new Asking(sending, read.sha256()));
    return askNext();
  }

  // one at a time: the slot that comes is the answer to the one asked for
  private Behavior<Command> askNext() {
    if (asked != null || toAsk.isEmpty()) {
      return this;
    }
    asked = toAsk.poll();
    slot = null;
    Sending sending = asked.sending();
    connection.tell(
        new Connection.Submit(
            new UserCommand.RequestUpload(
                sending.name(),
                sending.size(),
                sending.contentType(),
                asked.sha256(),
                sending.room(),
                sending.to()),
            slotAnswers));
    return this;
  }

  private Behavior<Command> onSlotGiven(SlotGiven given) {
    if (asked != null && slot == null) {
      slot = given.slot();
    }
    return this;
  }

  private Behavior<Command> onSlotAsked(SlotAsked answer) {
    Asking asking = asked;
    ServerFrame.UploadSlot given = slot;
    asked = null;
    slot = null;
    if (asking == null) {
      return askNext();
    }
    Sending sending = asking.sending();
    if (answer.outcome() == Connection.TryAgain.INSTANCE) {
      // the connection said why nothing was sent
      sending.replyTo().tell(Connection.TryAgain.INSTANCE);
    } else if (given == null) {
      // the server's refusal was shown as it came
      refused(Direction.UP, sending.name(), "not sent", sending.replyTo());
    } else {
      startUpload(sending, given);
    }
    return askNext();
  }

  private void startUpload(Sending sending, ServerFrame.UploadSlot given) {
    var job =
        new FileUpload.Job(
            sending.transfer(),
            sending.path(),
            sending.name(),
            sending.size(),
            sending.where(),
            URI.create(given.url()),
            given.token());
    var upload = new FileUpload(job, settings, door, pause, view::show);
    run(sending.transfer(), sending.name(), Direction.UP, upload::run, sending.replyTo());
  }

  private Behavior<Command> onGetFile(
      UserCommand.GetFile get, ActorRef<Connection.Outcome> replyTo) {
    SeenFiles.Lookup lookup = seen.find(get.id());
    if (lookup instanceof SeenFiles.Ambiguous ambiguous) {
      return refused(
          Direction.DOWN,
          get.id(),
          "the id "
              + get.id()
              + " starts those of "
              + ambiguous.candidates().stream()
                  .map(file -> file.file().name() + " [" + file.file().id() + "]")
                  .collect(Collectors.joining(", "))
              + ": type more of it",
          replyTo);
    }
    if (!(lookup instanceof SeenFiles.Found found)) {
      return refused(
          Direction.DOWN,
          get.id(),
          "no file with the id "
              + get.id()
              + " was shared with you this session (/files lists those that were)",
          replyTo);
    }
    var file = found.seen().file();
    if (file.hasExpired(Instant.now()) || file.url() == null) {
      return refused(Direction.DOWN, file.name(), "it expired, and the server deleted it", replyTo);
    }
    Path target;
    try {
      target = target(get.path(), file.name());
    } catch (IOException e) {
      return refused(Direction.DOWN, file.name(), e.getMessage(), replyTo);
    }
    if (downloading.containsValue(target)) {
      // one part file each: two downloads into it would mix their bytes
      return refused(
          Direction.DOWN, file.name(), "it is being downloaded to " + target + " already", replyTo);
    }
    long transfer = ++lastTransfer;
    downloading.put(transfer, target);
    var download = new FileDownload(transfer, file, target, settings, door, pause, view::show);
    run(transfer, file.name(), Direction.DOWN, download::run, replyTo);
    return this;
  }

  /** Where a download goes: into a folder under the file's name, or as the path given. */
  private Path target(String typed, String name) throws IOException {
    Path where = typed == null ? settings.downloadDirOrCurrent() : typedPath(typed);
    if (Files.isDirectory(where)) {
      return FreeName.in(where, name);
    }
    Path folder = where.toAbsolutePath().getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      throw new IOException("there is no folder " + (folder == null ? where : folder));
    }
    return FreeName.in(folder, where.getFileName().toString());
  }

  private Behavior<Command> onAnnounced(Announced announced) {
    if (announced.frame() instanceof ServerFrame.Message message) {
      seen.saw(message);
    } else if (announced.frame() instanceof ServerFrame.Direct direct) {
      seen.saw(direct);
    }
    return this;
  }

  private Behavior<Command> onChatBack() {
    pause.wake();
    return this;
  }

  private Behavior<Command> onTransferEnded(TransferEnded ended) {
    FileEvent last =
        ended.failure() == null
            ? ended.last()
            : new FileEvent.Failed(
                ended.transfer(),
                ended.direction(),
                ended.name(),
                "it stopped: " + FileUpload.reason(unwrapped(ended.failure())));
    downloading.remove(ended.transfer());
    view.show(last);
    ended.replyTo().tell(Connection.Answered.INSTANCE);
    return this;
  }

  private Behavior<Command> onStop() {
    transfers.shutdownNow();
    return this;
  }

  /** A transfer that blocks until it ends. */
  private interface Transfer {
    FileEvent run() throws InterruptedException;
  }

  private void run(
      long transfer,
      String name,
      Direction direction,
      Transfer work,
      ActorRef<Connection.Outcome> replyTo) {
    getContext()
        .pipeToSelf(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return work.run();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CompletionException(e);
                  }
                },
                transfers),
            (last, failure) ->
                new TransferEnded(transfer, name, direction, last, failure, replyTo));
  }

  private Behavior<Command> refused(
      Direction direction, String name, String why, ActorRef<Connection.Outcome> replyTo) {
    view.show(new FileEvent.Failed(0, direction, name, why));
    replyTo.tell(Connection.Answered.INSTANCE);
    return this;
  }

  private static String sha256(Path path) {
    try {
      return FileDigest.sha256(path);
    } catch (IOException e) {
      throw new CompletionException(e);
    }
  }

  private static Exception unwrapped(Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    return cause instanceof Exception exception ? exception : new RuntimeException(cause);
  }

  // as a shell would: ~ is the user's home
  private static Path typedPath(String typed) {
    if (typed.equals("~") || typed.startsWith("~/")) {
      return Path.of(System.getProperty("user.home") + typed.substring(1));
    }
    return Path.of(typed);
  }
}
