package dev.parley.server.files;

import java.nio.file.Path;

/** The answer to a download: the file, or why there is none (an HTTP status). */
public sealed interface Download permits Download.Found, Download.Missing {

  record Found(Path data, String name, String contentType, long size) implements Download {}

  record Missing(int status, String message) implements Download {}
}
