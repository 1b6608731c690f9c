package dev.parley.client.files;

import dev.parley.client.connection.ChatView;
import dev.parley.client.connection.ClientEvent;
import dev.parley.protocol.ServerFrame;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The connection's view as the file sharing sees it: the files announced, the upload slots and the
 * welcomes pass by it to the {@link FileSharing} actor on their way to the console. Transfers show
 * their progress through it too, from their own threads: one call at a time, as a view expects.
 */
final class FilesView implements ChatView {

  private final ChatView shown;
  private volatile ActorRef<FileSharing.Command> sharing;

  FilesView(ChatView shown) {
    this.shown = shown;
  }

  void forwardTo(ActorRef<FileSharing.Command> sharing) {
    this.sharing = sharing;
  }

  @Override
  public synchronized void onFrame(ServerFrame frame) {
    ActorRef<FileSharing.Command> to = sharing;
    if (to != null) {
      if (frame instanceof ServerFrame.UploadSlot slot) {
        to.tell(new FileSharing.SlotGiven(slot));
      } else if (frame instanceof ServerFrame.Message message && message.file() != null) {
        to.tell(new FileSharing.Announced(frame));
      } else if (frame instanceof ServerFrame.Direct direct && direct.file() != null) {
        to.tell(new FileSharing.Announced(frame));
      } else if (frame instanceof ServerFrame.Welcome) {
        to.tell(FileSharing.ChatBack.INSTANCE);
      }
    }
    shown.onFrame(frame);
  }

  @Override
  public synchronized void onEvent(ClientEvent event) {
    shown.onEvent(event);
  }

  void show(FileEvent event) {
    onEvent(new ClientEvent.Files(event));
  }
}
