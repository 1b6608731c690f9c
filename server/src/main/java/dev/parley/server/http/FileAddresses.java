package dev.parley.server.http;

import dev.parley.server.files.FileShelf;
import dev.parley.server.settings.FilesSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Where files are uploaded and downloaded: the operator's public address, or the door's own. */
public final class FileAddresses {

  private FileAddresses() {}

  public static FileShelf.DoorBound of(FilesSettings settings, HttpDoor.Addresses door) {
    if (settings.publicUrl().isPresent()) {
      return new FileShelf.DoorBound(settings.publicUrl().get(), settings.publicUrl());
    }
    return new FileShelf.DoorBound(
        base(door.chat(), false), door.secureChat().map(address -> base(address, true)));
  }

  // a door on every address is reached at the machine's name
  private static String base(InetSocketAddress address, boolean secure) {
    String url = HttpDoor.url(address, secure);
    if (address.getAddress() != null && address.getAddress().isAnyLocalAddress()) {
      url = url.replace(hostOf(url), localName());
    }
    return url.substring(0, url.length() - 1);
  }

  private static String hostOf(String url) {
    int start = url.indexOf("://") + 3;
    return url.substring(start, url.lastIndexOf(':'));
  }

  private static String localName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
