package dev.parley.client.peer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The files of one direct link: those it sends, one at a time from where the other says it has
 * each, and the one it receives into the downloads folder. Belongs to its {@link PeerLink}, whose
 * lines it answers and sends through {@code send}.
 */
final class FileTransfers implements AutoCloseable {

  private final PeerSettings settings;
  private final ActorRef<PeerEvent> view;
  private final Predicate<PeerLine> send;
  private final String nick;
  private final Deque<Path> waitingSends = new ArrayDeque<>();
  private OutgoingFile sending;
  private IncomingFile receiving;
  private long nextFile = 1;

  FileTransfers(
      PeerSettings settings, ActorRef<PeerEvent> view, Predicate<PeerLine> send, String nick) {
    this.settings = settings;
    this.view = view;
    this.send = send;
    this.nick = nick;
  }

  /** Sends {@code path} once those before it are through. */
  void sendFile(Path path) {
    waitingSends.addLast(path);
    startNextSend();
  }

  /** Carries out a line of the file part of the peer protocol; false when it is none. */
  boolean onLine(PeerLine line) {
    try {
      if (line instanceof PeerLine.FileOffer offer) {
        onFileOffer(offer);
      } else if (line instanceof PeerLine.Chunk chunk) {
        onChunk(chunk);
      } else if (line instanceof PeerLine.Resume resume) {
        onResume(resume);
      } else if (line instanceof PeerLine.Ack ack) {
        onAck(ack);
      } else if (line instanceof PeerLine.Done done) {
        onDone(done);
      } else if (line instanceof PeerLine.Refuse refuse) {
        onRefuse(refuse);
      } else {
        return false;
      }
    } catch (IOException e) {
      fileProblem(e);
    }
    return true;
  }

  /** The link is cut: the user hears what was left, and gets the files to send again. */
  List<Path> cutOff() {
    if (sending != null) {
      view.tell(
          new PeerEvent.FileFailed(
              nick,
              sending.name,
              true,
              "cut off at "
                  + sending.acked()
                  + " bytes; it goes on when a direct link with "
                  + nick
                  + " opens again"));
    }
    if (receiving != null) {
      view.tell(
          new PeerEvent.FileFailed(
              nick,
              receiving.name,
              false,
              "cut off at " + receiving.written() + " bytes; kept to go on from there"));
    }
    return unfinished();
  }

  /** What was not sent whole yet. */
  List<Path> unfinished() {
    List<Path> unfinished = new ArrayList<>();
    if (sending != null) {
      unfinished.add(sending.path);
    }
    unfinished.addAll(waitingSends);
    return List.copyOf(unfinished);
  }

  @Override
  public void close() {
    if (sending != null) {
      sending.close();
    }
    if (receiving != null) {
      receiving.close();
    }
  }

  // --- files this side sends

  private void startNextSend() {
    while (sending == null && !waitingSends.isEmpty()) {
      Path path = waitingSends.removeFirst();
      try {
        sending = OutgoingFile.open("f" + nextFile++, path);
        sendLine(sending.offer());
      } catch (IOException e) {
        view.tell(
            new PeerEvent.FileFailed(
                nick, path.getFileName().toString(), true, PeerLink.describe(e)));
      }
    }
  }

  private void onResume(PeerLine.Resume resume) throws IOException {
    if (sending == null || !sending.id.equals(resume.file())) {
      return;
    }
    long offset = Math.max(0, Math.min(resume.offset(), sending.size));
    if (offset > 0) {
      view.tell(new PeerEvent.Resumed(nick, sending.name, true, offset));
    }
    sending.resumeAt(offset, new TransferClock(offset, settings.progressInterval()));
    pump();
  }

  private void onAck(PeerLine.Ack ack) throws IOException {
    if (sending == null || !sending.id.equals(ack.file())) {
      return;
    }
    sending.acked(ack.offset());
    sending
        .clock()
        .progress(nick, sending.name, true, sending.acked(), sending.size)
        .ifPresent(view::tell);
    pump();
  }

  private void pump() throws IOException {
    for (PeerLine.Chunk chunk = sending.nextChunk(settings.fileChunkBytes(), settings.fileWindow());
        chunk != null;
        chunk = sending.nextChunk(settings.fileChunkBytes(), settings.fileWindow())) {
      sendLine(chunk);
    }
  }

  private void onDone(PeerLine.Done done) {
    if (sending != null && sending.id.equals(done.file())) {
      view.tell(
          new PeerEvent.FileDone(
              nick, sending.name, true, sending.size, sending.sha256, sending.path));
      sending.close();
      sending = null;
      startNextSend();
    }
  }

  private void onRefuse(PeerLine.Refuse refuse) {
    if (sending != null && sending.id.equals(refuse.file())) {
      view.tell(new PeerEvent.FileFailed(nick, sending.name, true, nick + ": " + refuse.reason()));
      sending.close();
      sending = null;
      startNextSend();
    } else if (receiving != null && receiving.id.equals(refuse.file())) {
      view.tell(
          new PeerEvent.FileFailed(nick, receiving.name, false, nick + ": " + refuse.reason()));
      receiving.close();
      receiving = null;
    }
  }

  // --- files this side receives

  private void onFileOffer(PeerLine.FileOffer offer) throws IOException {
    String name = IncomingFile.safeName(offer.name());
    if (receiving != null) {
      sendLine(new PeerLine.Refuse(offer.file(), "one file at a time"));
    } else if (offer.size() < 0 || offer.size() > settings.maxFileBytes()) {
      sendLine(
          new PeerLine.Refuse(
              offer.file(), "files of at most " + settings.maxFileBytes() + " bytes"));
      view.tell(new PeerEvent.FileFailed(nick, name, false, "larger than max-file-size"));
    } else {
      receiving = IncomingFile.begin(offer, settings);
      if (receiving.written() > 0) {
        view.tell(new PeerEvent.Resumed(nick, name, false, receiving.written()));
      }
      sendLine(new PeerLine.Resume(offer.file(), receiving.written()));
      if (receiving.isWhole()) {
        finishReceiving();
      }
    }
  }

  private void onChunk(PeerLine.Chunk chunk) throws IOException {
    if (receiving == null || !receiving.id.equals(chunk.file())) {
      return;
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(chunk.data() == null ? "" : chunk.data());
    } catch (IllegalArgumentException e) {
      refuseReceiving("a chunk that is no base64");
      return;
    }
    if (chunk.offset() != receiving.written()
        || receiving.written() + bytes.length > receiving.size) {
      refuseReceiving(
          "a chunk at "
              + chunk.offset()
              + " of "
              + bytes.length
              + " bytes, where "
              + receiving.written()
              + " was due");
      return;
    }
    receiving.write(bytes);
    sendLine(new PeerLine.Ack(receiving.id, receiving.written()));
    receiving
        .clock()
        .progress(nick, receiving.name, false, receiving.written(), receiving.size)
        .ifPresent(view::tell);
    if (receiving.isWhole()) {
      finishReceiving();
    }
  }

  private void finishReceiving() throws IOException {
    IncomingFile file = receiving;
    receiving = null;
    Path saved = file.finish();
    if (saved == null) {
      sendLine(new PeerLine.Refuse(file.id, "the SHA-256 does not match: the file was deleted"));
      view.tell(
          new PeerEvent.FileFailed(
              nick, file.name, false, "its SHA-256 does not match the sender's: deleted"));
    } else {
      sendLine(new PeerLine.Done(file.id));
      view.tell(new PeerEvent.FileDone(nick, file.name, false, file.size, file.sha256, saved));
    }
  }

  private void refuseReceiving(String why) {
    sendLine(new PeerLine.Refuse(receiving.id, why));
    view.tell(new PeerEvent.FileFailed(nick, receiving.name, false, nick + " sent " + why));
    receiving.close();
    receiving = null;
  }

  private void fileProblem(IOException e) {
    if (receiving != null) {
      refuseReceiving("what this side could not write: " + PeerLink.describe(e));
    } else if (sending != null) {
      sendLine(new PeerLine.Refuse(sending.id, "the sender could not read it"));
      view.tell(new PeerEvent.FileFailed(nick, sending.name, true, PeerLink.describe(e)));
      sending.close();
      sending = null;
      startNextSend();
    }
  }

  private void sendLine(PeerLine line) {
    send.test(line);
  }
}
