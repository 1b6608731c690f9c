package dev.parley.server.files;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.directory.Directory;
import dev.parley.server.room.Room;
import dev.parley.server.settings.FilesSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The files shared on this server and the uploads under way: grants upload slots within the limits,
 * takes each upload's bytes as the HTTP door hands them over (one request at a time), checks a
 * complete upload's size and SHA-256, and only then shares it, as a message of its uploader in the
 * room or to the person; serves downloads, and deletes files once they expire. What touches the
 * disk runs on the dispatcher for blocking I/O.
 */
public final class FileShelf extends AbstractBehavior<FileShelf.Command> {

  public sealed interface Command
      permits Share,
          DoorBound,
          CheckUpload,
          StartAppend,
          EndAppend,
          Fetch,
          FolderRead,
          SharerChecked,
          FolderMade,
          AppendMeasured,
          Finished,
          Kept,
          Shared,
          SpaceMeasured,
          Sweep,
          DiskDone {}

  /**
   * {@code owner}, connected from {@code address} (through TLS when {@code secure}), asks for an
   * upload slot; {@code room} is the actor of the upload's room, null for a file to a person. The
   * answer, {@code upload_slot} or an error, goes to {@code replyTo} as the directory's answers do.
   */
  public record Share(
      String owner,
      String address,
      boolean secure,
      ClientFrame.Upload upload,
      ActorRef<Room.Command> room,
      ActorRef<Directory.Event> replyTo)
      implements Command {}

  /**
   * Where the HTTP door serves files, {@code http://host:port} and with TLS {@code
   * https://host:port}: known once it is bound.
   */
  public record DoorBound(String http, Optional<String> https) implements Command {}

  /** A {@code HEAD} of upload {@code id}. */
  public record CheckUpload(String id, String token, ActorRef<UploadAnswer> replyTo)
      implements Command {}

  /**
   * A {@code PATCH} of upload {@code id} that appends at {@code offset} a body of {@code length}
   * bytes, when it says how many.
   */
  public record StartAppend(
      String id, String token, long offset, OptionalLong length, ActorRef<AppendStart> replyTo)
      implements Command {}

  /**
   * The body of a granted {@code PATCH} ended, all of it written or cut short; {@code beyondSize}:
   * it held more than the file's declared size, so nothing of it is kept.
   */
  public record EndAppend(String id, boolean beyondSize, ActorRef<UploadAnswer> replyTo)
      implements Command {}

  /** A download of file {@code id}. */
  public record Fetch(String id, ActorRef<Download> replyTo) implements Command {}

  /** What a {@code PATCH} may do: write, or be answered at once. */
  public sealed interface AppendStart permits AppendGranted, UploadAnswer {}

  /** Write the body into {@code part} from {@code offset} on, at most {@code remaining} bytes. */
  public record AppendGranted(Path part, long offset, long remaining) implements AppendStart {}

  /**
   * An HTTP answer about an upload: {@code offset} the bytes there and {@code length} the declared
   * size, each -1 when not to be told; {@code complete}: the file is shared.
   */
  public record UploadAnswer(int status, String message, long offset, long length, boolean complete)
      implements AppendStart {

    static UploadAnswer refused(int status, String message) {
      return new UploadAnswer(status, message, -1, -1, false);
    }
  }

  public sealed interface Download permits Found, Missing {}

  public record Found(Path data, String name, String contentType, long size) implements Download {}

  public record Missing(int status, String message) implements Download {}

  private record FolderRead(List<StoredFile> files, long usableSpace, Throwable failure)
      implements Command {}

  private record SharerChecked(Share share, Directory.Sharer sharer, Throwable failure)
      implements Command {}

  private record FolderMade(SharerChecked checked, Throwable failure) implements Command {}

  private record AppendMeasured(
      String id, long size, Throwable failure, ActorRef<UploadAnswer> replyTo) implements Command {}

  // the last byte is in: empty digest, the upload could not be read
  private record Finished(
      String id, String digest, Throwable failure, ActorRef<UploadAnswer> replyTo)
      implements Command {}

  // the complete file is where downloads find it, unless failure
  private record Kept(String id, Throwable failure, ActorRef<UploadAnswer> replyTo)
      implements Command {}

  private record SpaceMeasured(long usableSpace) implements Command {}

  // disk work whose end changes nothing here
  private enum DiskDone implements Command {
    INSTANCE
  }

  // refusal: why the file's message was not stored, null when it was; echo: a direct message's
  private record Shared(
      String id, String refusal, ServerFrame.Direct echo, ActorRef<UploadAnswer> replyTo)
      implements Command {}

  private enum Sweep implements Command {
    INSTANCE
  }

  // what comes while the folder is read at the start waits for it, up to this many requests
  private static final int MOST_WAITING_FOR_THE_FOLDER = 10_000;
  private static final Duration SHARE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration LONGEST_SWEEP = Duration.ofMinutes(10);
  private static final Duration SHORTEST_SWEEP = Duration.ofMillis(500);

  public static Behavior<Command> create(
      FilesSettings settings, ActorRef<Directory.Command> directory) {
    return Behaviors.withStash(
        MOST_WAITING_FOR_THE_FOLDER,
        stash ->
            Behaviors.setup(
                context ->
                    Behaviors.withTimers(
                        timers -> new FileShelf(context, timers, stash, settings, directory))));
  }

  private final StashBuffer<Command> waitingForTheFolder;
  private final FilesSettings settings;
  private final ActorRef<Directory.Command> directory;
  private final FileFolder folder;
  private final Executor blockingIo;
  private final UploadTokens tokens = new UploadTokens();
  private final SpaceInUse inUse;
  private final Map<String, StoredFile> files = new HashMap<>();
  private final Map<String, Upload> uploads = new HashMap<>();
  private DoorBound door;
  private boolean folderRead;
  // the folder could not be read: nothing is shared
  private boolean filesOff;
  private boolean folderMade;
  private long usableSpace;

  private FileShelf(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      StashBuffer<Command> waitingForTheFolder,
      FilesSettings settings,
      ActorRef<Directory.Command> directory) {
    super(context);
    this.waitingForTheFolder = waitingForTheFolder;
    this.settings = settings;
    this.directory = directory;
    this.folder = new FileFolder(settings.dir());
    this.inUse = new SpaceInUse(settings);
    this.blockingIo = context.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
    onDisk(
        () -> new FolderRead(folder.read(), folder.usableSpace(), null),
        failure -> new FolderRead(List.of(), 0, failure));
    timers.startTimerWithFixedDelay(Sweep.INSTANCE, sweepInterval(settings));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FolderRead.class, this::onFolderRead)
        .onMessage(Command.class, command -> !folderRead, this::waitForTheFolder)
        .onMessage(Share.class, this::onShare)
        .onMessage(SharerChecked.class, this::onSharerChecked)
        .onMessage(FolderMade.class, this::onFolderMade)
        .onMessage(DoorBound.class, this::onDoorBound)
        .onMessage(CheckUpload.class, this::onCheckUpload)
        .onMessage(StartAppend.class, this::onStartAppend)
        .onMessage(EndAppend.class, this::onEndAppend)
        .onMessage(AppendMeasured.class, this::onAppendMeasured)
        .onMessage(Finished.class, this::onFinished)
        .onMessage(Kept.class, this::onKept)
        .onMessage(Shared.class, this::onShared)
        .onMessage(Fetch.class, this::onFetch)
        .onMessage(Sweep.class, sweep -> onSweep())
        .onMessage(
            SpaceMeasured.class,
            measured -> {
              usableSpace = measured.usableSpace();
              return this;
            })
        .onMessage(DiskDone.class, done -> this)
        .build();
  }

  private Behavior<Command> waitForTheFolder(Command command) {
    if (waitingForTheFolder.isFull()) {
      getContext().getLog().warn("Too much waits for the files folder: {} dropped", command);
    } else {
      waitingForTheFolder.stash(command);
    }
    return this;
  }

  private Behavior<Command> onFolderRead(FolderRead read) {
    folderRead = true;
    if (read.failure() != null) {
      getContext().getLog().error("Files are off: {}", read.failure().getMessage());
      filesOff = true;
      return waitingForTheFolder.unstashAll(this);
    }
    Instant now = Instant.now();
    for (StoredFile file : read.files()) {
      if (file.expires().isAfter(now)) {
        files.put(file.id(), file);
        inUse.add(file);
      } else {
        deleteLater(file.id());
      }
    }
    usableSpace = read.usableSpace();
    getContext().getLog().info("{} shared files in {}", files.size(), folder.dir());
    return waitingForTheFolder.unstashAll(this);
  }

  private Behavior<Command> onDoorBound(DoorBound bound) {
    door = bound;
    return this;
  }

  private Behavior<Command> onShare(Share share) {
    FrameId re = share.upload().id();
    if (!settings.enabled() || door == null || filesOff) {
      answer(share, refusal(re, ErrorCode.FILES_UNAVAILABLE, "this server shares no files"));
      return this;
    }
    Optional<ServerFrame.Error> refusal = UploadRequestCheck.refusal(share.upload(), settings);
    if (refusal.isPresent()) {
      answer(share, refusal.get());
      return this;
    }
    getContext()
        .ask(
            Directory.Sharer.class,
            directory,
            SHARE_TIMEOUT,
            replyTo -> new Directory.MayShare(share.owner(), share.upload().to(), re, replyTo),
            (sharer, failure) -> new SharerChecked(share, sharer, failure));
    return this;
  }

  private Behavior<Command> onSharerChecked(SharerChecked checked) {
    Share share = checked.share();
    ClientFrame.Upload upload = share.upload();
    FrameId re = upload.id();
    if (checked.failure() != null) {
      answer(share, refusal(re, ErrorCode.SERVER_BUSY, "the server is too busy; try again"));
      return this;
    }
    if (checked.sharer().refusal().isPresent()) {
      answer(share, checked.sharer().refusal().get());
      return this;
    }
    String account = checked.sharer().account() ? ProtocolRules.canonical(share.owner()) : null;
    if (account == null && !settings.allowGuests()) {
      answer(
          share, refusal(re, ErrorCode.ACCOUNT_REQUIRED, "only registered users share files here"));
      return this;
    }
    Optional<ServerFrame.Error> full =
        inUse.refusal(re, account, share.address(), upload.size(), usableSpace);
    if (full.isPresent()) {
      answer(share, full.get());
      return this;
    }
    if (!folderMade) {
      // made with the first upload, so that a server nobody shares files on leaves no folder
      onDisk(
          () -> {
            folder.make();
            return new FolderMade(checked, null);
          },
          failure -> new FolderMade(checked, failure));
      return this;
    }
    String id = tokens.newId();
    String token = tokens.newToken();
    Instant now = Instant.now();
    String base = share.secure() && door.https().isPresent() ? door.https().get() : door.http();
    var file =
        new StoredFile(
            id,
            share.owner(),
            account,
            share.address(),
            upload.name(),
            upload.size(),
            UploadRequestCheck.contentTypeOf(upload),
            upload.sha256().toLowerCase(Locale.ROOT),
            base
                + "/files/"
                + id
                + "/"
                + URLEncoder.encode(upload.name(), StandardCharsets.UTF_8).replace("+", "%20"),
            now,
            now.plus(settings.expireAfter()),
            UploadTokens.hash(token));
    Instant deadline = now.plus(settings.uploadTimeout());
    uploads.put(
        id, new Upload(file, upload.room(), share.room(), upload.to(), share.replyTo(), deadline));
    inUse.add(file);
    share
        .replyTo()
        .tell(
            new Directory.Answer(
                new ServerFrame.UploadSlot(re, id, base + "/files/" + id, token, deadline)));
    return this;
  }

  private Behavior<Command> onFolderMade(FolderMade made) {
    if (made.failure() != null) {
      getContext().getLog().error("Files folder not made: {}", made.failure().getMessage());
      answer(
          made.checked().share(),
          refusal(
              made.checked().share().upload().id(),
              ErrorCode.FILES_UNAVAILABLE,
              "the server cannot keep files now"));
      return this;
    }
    folderMade = true;
    return onSharerChecked(made.checked());
  }

  private Behavior<Command> onCheckUpload(CheckUpload check) {
    Upload upload = uploads.get(check.id());
    if (upload != null) {
      if (!UploadTokens.matches(check.token(), upload.file.tokenHash())) {
        check.replyTo().tell(UploadAnswer.refused(403, "wrong upload token"));
      } else {
        check.replyTo().tell(new UploadAnswer(200, "", upload.offset, upload.file.size(), false));
      }
      return this;
    }
    StoredFile file = files.get(check.id());
    if (file != null && UploadTokens.matches(check.token(), file.tokenHash())) {
      check.replyTo().tell(new UploadAnswer(200, "", file.size(), file.size(), true));
    } else if (file != null) {
      check.replyTo().tell(UploadAnswer.refused(403, "wrong upload token"));
    } else {
      check.replyTo().tell(UploadAnswer.refused(404, "no such upload; it may have expired"));
    }
    return this;
  }

  private Behavior<Command> onStartAppend(StartAppend start) {
    Upload upload = uploads.get(start.id());
    if (upload == null) {
      start
          .replyTo()
          .tell(
              files.containsKey(start.id())
                  ? UploadAnswer.refused(403, "this upload is complete; its token is spent")
                  : UploadAnswer.refused(404, "no such upload; it may have expired"));
      return this;
    }
    long size = upload.file.size();
    if (!UploadTokens.matches(start.token(), upload.file.tokenHash())) {
      start.replyTo().tell(UploadAnswer.refused(403, "wrong upload token"));
    } else if (upload.busy()) {
      start
          .replyTo()
          .tell(
              new UploadAnswer(
                  409, "another request is writing this upload", upload.offset, size, false));
    } else if (start.offset() != upload.offset) {
      start
          .replyTo()
          .tell(
              new UploadAnswer(
                  409,
                  "Upload-Offset is " + start.offset() + ", but " + upload.offset + " bytes are in",
                  upload.offset,
                  size,
                  false));
    } else if (start.length().isPresent() && start.length().getAsLong() > size - upload.offset) {
      start
          .replyTo()
          .tell(
              new UploadAnswer(
                  413,
                  "the body would take the file past its declared size of " + size + " bytes",
                  upload.offset,
                  size,
                  false));
    } else {
      upload.writing = true;
      upload.writingFrom = upload.offset;
      start
          .replyTo()
          .tell(new AppendGranted(folder.part(start.id()), upload.offset, size - upload.offset));
    }
    return this;
  }

  private Behavior<Command> onEndAppend(EndAppend end) {
    Upload upload = uploads.get(end.id());
    if (upload == null || !upload.writing) {
      end.replyTo().tell(UploadAnswer.refused(404, "no such upload; it may have expired"));
      return this;
    }
    String id = end.id();
    long from = upload.writingFrom;
    if (end.beyondSize()) {
      onDisk(
          () -> {
            folder.truncatePart(id, from);
            return new AppendMeasured(id, -1, null, end.replyTo());
          },
          failure -> new AppendMeasured(id, -1, failure, end.replyTo()));
    } else {
      onDisk(
          () -> new AppendMeasured(id, folder.partSize(id), null, end.replyTo()),
          failure -> new AppendMeasured(id, -1, failure, end.replyTo()));
    }
    return this;
  }

  private Behavior<Command> onAppendMeasured(AppendMeasured measured) {
    Upload upload = uploads.get(measured.id());
    if (upload == null) {
      measured.replyTo().tell(UploadAnswer.refused(404, "no such upload; it may have expired"));
      return this;
    }
    upload.writing = false;
    long size = upload.file.size();
    if (measured.failure() != null) {
      getContext()
          .getLog()
          .warn("Upload {} failed: {}", measured.id(), measured.failure().toString());
      measured
          .replyTo()
          .tell(
              new UploadAnswer(
                  500, "the server could not write the upload", upload.offset, size, false));
    } else if (measured.size() < 0) {
      measured
          .replyTo()
          .tell(
              new UploadAnswer(
                  413,
                  "the body would take the file past its declared size of "
                      + size
                      + " bytes; nothing of it was kept",
                  upload.offset,
                  size,
                  false));
    } else if (measured.size() < size) {
      upload.offset = measured.size();
      measured.replyTo().tell(new UploadAnswer(204, "", upload.offset, size, false));
    } else {
      upload.offset = measured.size();
      upload.finishing = true;
      String id = measured.id();
      onDisk(
          () -> new Finished(id, folder.sha256OfPart(id), null, measured.replyTo()),
          failure -> new Finished(id, "", failure, measured.replyTo()));
    }
    return this;
  }

  private Behavior<Command> onFinished(Finished finished) {
    Upload upload = uploads.get(finished.id());
    if (upload == null) {
      finished.replyTo().tell(UploadAnswer.refused(404, "no such upload; it may have expired"));
      return this;
    }
    StoredFile file = upload.file;
    if (finished.failure() != null || !finished.digest().equals(file.sha256())) {
      forget(upload);
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
      return this;
    }
    String id = file.id();
    onDisk(
        () -> {
          folder.complete(file);
          return new Kept(id, null, finished.replyTo());
        },
        failure -> new Kept(id, failure, finished.replyTo()));
    return this;
  }

  // announced only once its bytes are where downloads find them
  private Behavior<Command> onKept(Kept kept) {
    Upload upload = uploads.get(kept.id());
    if (upload == null) {
      kept.replyTo().tell(UploadAnswer.refused(404, "no such upload; it may have expired"));
    } else if (kept.failure() != null) {
      getContext().getLog().warn("Upload {} not kept: {}", kept.id(), kept.failure().toString());
      forget(upload);
      kept.replyTo().tell(UploadAnswer.refused(500, "the server could not keep the file"));
    } else {
      share(upload, kept.replyTo());
    }
    return this;
  }

  private void share(Upload upload, ActorRef<UploadAnswer> replyTo) {
    StoredFile file = upload.file;
    if (upload.roomRef != null) {
      getContext()
          .ask(
              Room.Event.class,
              upload.roomRef,
              SHARE_TIMEOUT,
              echo ->
                  new Room.Post(file.owner(), file.announcement(), null, echo, null, file.shared()),
              (answer, failure) ->
                  new Shared(file.id(), refusalOf(answer, failure), null, replyTo));
    } else {
      getContext()
          .ask(
              Directory.Event.class,
              directory,
              SHARE_TIMEOUT,
              echo ->
                  new Directory.SendDirect(
                      file.owner(),
                      upload.to,
                      file.announcement(),
                      null,
                      echo,
                      null,
                      file.shared()),
              (answer, failure) ->
                  new Shared(
                      file.id(),
                      refusalOf(answer, failure),
                      answer instanceof Directory.Answer told
                              && told.frame() instanceof ServerFrame.Direct direct
                          ? direct
                          : null,
                      replyTo));
    }
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
    Upload upload = uploads.remove(shared.id());
    if (upload == null) {
      return this;
    }
    StoredFile file = upload.file;
    if (shared.refusal() == null) {
      files.put(file.id(), file);
      if (shared.echo() != null) {
        // the uploader's conversation with the recipient shows the file too
        upload.uploader.tell(new Directory.DirectReceived(shared.echo()));
      }
      getContext()
          .getLog()
          .info(
              "{} shared file {} ({}, {} bytes) {}",
              file.owner(),
              file.id(),
              file.contentType(),
              file.size(),
              upload.room != null ? "in " + upload.room : "with " + upload.to);
      shared.replyTo().tell(new UploadAnswer(204, "", file.size(), file.size(), true));
    } else {
      inUse.remove(file);
      deleteLater(file.id());
      shared
          .replyTo()
          .tell(
              UploadAnswer.refused(
                  409, "not shared: " + shared.refusal() + "; the file is deleted"));
    }
    return this;
  }

  private Behavior<Command> onFetch(Fetch fetch) {
    StoredFile file = files.get(fetch.id());
    if (file == null) {
      fetch.replyTo().tell(new Missing(404, "no such file"));
    } else if (!file.expires().isAfter(Instant.now())) {
      fetch.replyTo().tell(new Missing(410, "this file expired and is deleted"));
    } else {
      fetch
          .replyTo()
          .tell(new Found(folder.data(file.id()), file.name(), file.contentType(), file.size()));
    }
    return this;
  }

  private Behavior<Command> onSweep() {
    Instant now = Instant.now();
    for (StoredFile file : List.copyOf(files.values())) {
      if (!file.expires().isAfter(now)) {
        files.remove(file.id());
        inUse.remove(file);
        deleteLater(file.id());
        getContext().getLog().info("File {} of {} expired", file.id(), file.owner());
      }
    }
    for (Upload upload : List.copyOf(uploads.values())) {
      if (!upload.busy() && !upload.deadline.isAfter(now)) {
        forget(upload);
      }
    }
    onDisk(() -> new SpaceMeasured(folder.usableSpace()), failure -> DiskDone.INSTANCE);
    return this;
  }

  /** The upload is given up: its slot, its space and its bytes. */
  private void forget(Upload upload) {
    uploads.remove(upload.file.id());
    inUse.remove(upload.file);
    deleteLater(upload.file.id());
  }

  private void deleteLater(String id) {
    onDisk(
        () -> {
          folder.delete(id);
          return DiskDone.INSTANCE;
        },
        failure -> {
          getContext().getLog().warn("File {} not deleted: {}", id, failure.toString());
          return DiskDone.INSTANCE;
        });
  }

  /**
   * Runs {@code work} on the dispatcher for blocking I/O and tells this actor what it returns, or
   * {@code onFailure} of its failure.
   */
  private void onDisk(Supplier<Command> work, Function<Throwable, Command> onFailure) {
    getContext()
        .pipeToSelf(
            CompletableFuture.supplyAsync(work, blockingIo),
            (result, failure) -> failure == null ? result : onFailure.apply(failure));
  }

  private static void answer(Share share, ServerFrame.Error error) {
    share.replyTo().tell(new Directory.Answer(error));
  }

  private static ServerFrame.Error refusal(FrameId re, ErrorCode code, String message) {
    return new ServerFrame.Error(re, code, message, null);
  }

  private static Duration sweepInterval(FilesSettings settings) {
    Duration tenth = settings.expireAfter().dividedBy(10);
    if (tenth.compareTo(SHORTEST_SWEEP) < 0) {
      return SHORTEST_SWEEP;
    }
    return tenth.compareTo(LONGEST_SWEEP) > 0 ? LONGEST_SWEEP : tenth;
  }
}
