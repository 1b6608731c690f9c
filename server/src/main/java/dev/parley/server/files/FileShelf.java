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
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The files shared on this server and the uploads under way: grants upload slots within the limits,
 * each upload then an {@link UploadInProgress} of its own, to which the HTTP door's requests for it
 * go; keeps the files shared, serves their downloads and deletes them once they expire. What
 * touches the disk runs on the dispatcher for blocking I/O.
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
          UploadKept,
          UploadEnded,
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
      implements Command, UploadInProgress.Command {}

  /**
   * A {@code PATCH} of upload {@code id} that appends at {@code offset} a body of {@code length}
   * bytes, when it says how many.
   */
  public record StartAppend(
      String id, String token, long offset, OptionalLong length, ActorRef<AppendStart> replyTo)
      implements Command, UploadInProgress.Command {}

  /**
   * The body of a granted {@code PATCH} ended, all of it written or cut short; {@code beyondSize}:
   * it held more than the file's declared size, so nothing of it is kept.
   */
  public record EndAppend(String id, boolean beyondSize, ActorRef<UploadAnswer> replyTo)
      implements Command, UploadInProgress.Command {}

  /** A download of file {@code id}. */
  public record Fetch(String id, ActorRef<Download> replyTo) implements Command {}

  private record FolderRead(List<FileFolder.Listed> files, long usableSpace, Throwable failure)
      implements Command {}

  private record SharerChecked(Share share, Directory.Sharer sharer, Throwable failure)
      implements Command {}

  private record FolderMade(SharerChecked checked, Throwable failure) implements Command {}

  /** The upload of {@code file} is complete and kept: it may be downloaded from now on. */
  record UploadKept(StoredFile file) implements Command {}

  /** The upload of {@code file} ended: {@code shared}, or given up with its bytes. */
  record UploadEnded(StoredFile file, boolean shared) implements Command {}

  private record SpaceMeasured(long usableSpace) implements Command {}

  // disk work whose end changes nothing here
  private enum DiskDone implements Command {
    INSTANCE
  }

  private enum Sweep implements Command {
    INSTANCE
  }

  // what comes while the folder is read at the start waits for it, up to this many requests
  private static final int MOST_WAITING_FOR_THE_FOLDER = 10_000;
  private static final Duration SHARE_TIMEOUT = Duration.ofSeconds(30);
  private static final String GONE = "no such upload; it may have expired";
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
  private final DiskWork<Command> disk;
  private final UploadTokens tokens = new UploadTokens();
  private final SpaceInUse inUse;
  private final Map<String, StoredFile> files = new HashMap<>();
  // files that expired, their bytes deleted, told as such for as long again as they were kept
  private final Map<String, StoredFile> expired = new HashMap<>();
  private final Map<String, ActorRef<UploadInProgress.Command>> uploads = new HashMap<>();
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
    this.disk = new DiskWork<>(context);
    disk.run(
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
        .onMessage(
            UploadKept.class,
            kept -> {
              files.put(kept.file().id(), kept.file());
              return this;
            })
        .onMessage(UploadEnded.class, this::onUploadEnded)
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
      getContext()
          .getLog()
          .warn("Too many requests wait for the files folder: {} dropped", command);
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
    for (FileFolder.Listed listed : read.files()) {
      StoredFile file = listed.file();
      if (listed.hasData() && file.expires().isAfter(now)) {
        files.put(file.id(), file);
        inUse.add(file);
      } else if (!file.expires().isAfter(now) && toldExpiredUntil(file).isAfter(now)) {
        expired.put(file.id(), file);
        deleteDataLater(file.id());
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
      disk.run(
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
        id,
        getContext()
            .spawn(
                UploadInProgress.create(
                    file,
                    new UploadInProgress.Destination(upload.room(), share.room(), upload.to()),
                    share.replyTo(),
                    deadline,
                    folder,
                    directory,
                    getContext().getSelf()),
                "upload-" + id));
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
    var upload = uploads.get(check.id());
    StoredFile file = files.get(check.id());
    if (upload != null) {
      upload.tell(check);
    } else if (file != null && UploadTokens.matches(check.token(), file.tokenHash())) {
      // for a client that lost the answer to its last request
      check.replyTo().tell(new UploadAnswer(200, "", file.size(), file.size(), true));
    } else if (file != null) {
      check.replyTo().tell(UploadAnswer.refused(403, "wrong upload token"));
    } else {
      check.replyTo().tell(UploadAnswer.refused(404, GONE));
    }
    return this;
  }

  private Behavior<Command> onStartAppend(StartAppend start) {
    var upload = uploads.get(start.id());
    if (upload != null) {
      upload.tell(start);
    } else if (files.containsKey(start.id())) {
      start
          .replyTo()
          .tell(UploadAnswer.refused(403, "this upload is complete; its token is spent"));
    } else {
      start.replyTo().tell(UploadAnswer.refused(404, GONE));
    }
    return this;
  }

  private Behavior<Command> onEndAppend(EndAppend end) {
    var upload = uploads.get(end.id());
    if (upload != null) {
      upload.tell(end);
    } else {
      end.replyTo().tell(UploadAnswer.refused(404, GONE));
    }
    return this;
  }

  private Behavior<Command> onUploadEnded(UploadEnded ended) {
    StoredFile file = ended.file();
    uploads.remove(file.id());
    if (ended.shared()) {
      files.put(file.id(), file);
    } else {
      files.remove(file.id());
      inUse.remove(file);
      deleteLater(file.id());
    }
    return this;
  }

  private Behavior<Command> onFetch(Fetch fetch) {
    StoredFile file = files.get(fetch.id());
    if (file == null && expired.containsKey(fetch.id())) {
      fetch.replyTo().tell(new Download.Missing(410, "this file expired and is deleted"));
    } else if (file == null) {
      fetch.replyTo().tell(new Download.Missing(404, "no such file"));
    } else if (!file.expires().isAfter(Instant.now())) {
      fetch.replyTo().tell(new Download.Missing(410, "this file expired and is deleted"));
    } else {
      fetch
          .replyTo()
          .tell(
              new Download.Found(
                  folder.data(file.id()), file.name(), file.contentType(), file.size()));
    }
    return this;
  }

  private Behavior<Command> onSweep() {
    Instant now = Instant.now();
    for (StoredFile file : List.copyOf(files.values())) {
      if (!file.expires().isAfter(now)) {
        files.remove(file.id());
        inUse.remove(file);
        expired.put(file.id(), file);
        deleteDataLater(file.id());
        getContext().getLog().info("File {} of {} expired", file.id(), file.owner());
      }
    }
    for (StoredFile file : List.copyOf(expired.values())) {
      if (!toldExpiredUntil(file).isAfter(now)) {
        expired.remove(file.id());
        deleteLater(file.id());
      }
    }
    disk.run(() -> new SpaceMeasured(folder.usableSpace()), failure -> DiskDone.INSTANCE);
    return this;
  }

  private Instant toldExpiredUntil(StoredFile file) {
    return file.expires().plus(settings.expireAfter());
  }

  private void deleteDataLater(String id) {
    disk.run(
        () -> {
          folder.deleteData(id);
          return DiskDone.INSTANCE;
        },
        failure -> {
          getContext().getLog().warn("File {} not deleted: {}", id, failure.toString());
          return DiskDone.INSTANCE;
        });
  }

  private void deleteLater(String id) {
    disk.run(
        () -> {
          folder.delete(id);
          return DiskDone.INSTANCE;
        },
        failure -> {
          getContext().getLog().warn("File {} not deleted: {}", id, failure.toString());
          return DiskDone.INSTANCE;
        });
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
