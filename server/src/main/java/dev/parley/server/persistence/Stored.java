package dev.parley.server.persistence;

/**
 * What is written to the store, events and snapshots alike: serialized as JSON by Jackson (see
 * {@code reference.conf}). A stored class is read back from data written years ago, so its fields
 * change only in ways that old data still reads: add a field, never rename or remove one.
 */
public interface Stored {}
