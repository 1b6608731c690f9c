package dev.parley.server.serialization;

/**
 * A message that may be sent to an actor on another node of the cluster: serialized by Jackson as
 * CBOR (see {@code reference.conf}), never by Java serialization. What implements it is data that
 * Jackson reads back as an equal value: records, enums, typed {@code ActorRef}s, collections,
 * {@code Optional}, {@code Instant}; a sealed interface used as a field's type names its subtypes
 * with {@code @JsonTypeInfo} and {@code @JsonSubTypes}. No lambda, future or stream in it.
 */
public interface CrossNode {}
