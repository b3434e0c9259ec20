package org.hpofarm.master.store;

/**
 * Thrown when the database answered with an error that is not a lost connection: a fault of the
 * master or of its schema, not of the request. Its message may hold SQL: it is logged, never sent.
 */
public final class StoreFailed extends RuntimeException {
  public StoreFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
