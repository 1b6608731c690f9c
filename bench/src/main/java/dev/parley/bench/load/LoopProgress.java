package dev.parley.bench.load;

/**
 * What a client loop has counted so far, published for the generator to watch. Times are on the
 * generator's clock, 0 when nothing happened yet.
 */
record LoopProgress(
    long welcomed,
    long connectionsFailed,
    long connectionsLost,
    long joined,
    long bytesReceived,
    long messagesSent,
    long sendersDone,
    long deliveries,
    long deliveriesExpected,
    long warmUpDeliveries,
    long warmUpDeliveriesExpected,
    long echoes,
    long gaps,
    long errors,
    long firstSendAt,
    long lastWelcomeAt,
    long lastJoinAt,
    long lastReceiveAt,
    long lastDeliveryAt) {

  static final LoopProgress NONE =
      new LoopProgress(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  LoopProgress plus(LoopProgress other) {
    return new LoopProgress(
        welcomed + other.welcomed,
        connectionsFailed + other.connectionsFailed,
        connectionsLost + other.connectionsLost,
        joined + other.joined,
        bytesReceived + other.bytesReceived,
        messagesSent + other.messagesSent,
        sendersDone + other.sendersDone,
        deliveries + other.deliveries,
        deliveriesExpected + other.deliveriesExpected,
        warmUpDeliveries + other.warmUpDeliveries,
        warmUpDeliveriesExpected + other.warmUpDeliveriesExpected,
        echoes + other.echoes,
        gaps + other.gaps,
        errors + other.errors,
        firstSendAt == 0 || other.firstSendAt == 0
            ? Math.max(firstSendAt, other.firstSendAt)
            : Math.min(firstSendAt, other.firstSendAt),
        Math.max(lastWelcomeAt, other.lastWelcomeAt),
        Math.max(lastJoinAt, other.lastJoinAt),
        Math.max(lastReceiveAt, other.lastReceiveAt),
        Math.max(lastDeliveryAt, other.lastDeliveryAt));
  }
}
