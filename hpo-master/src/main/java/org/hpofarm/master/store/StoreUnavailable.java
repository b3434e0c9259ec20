package org.hpofarm.master.store;

/**
 * Thrown when the database does not answer (refused, cut off, or no connection within the pool's
 * two seconds): nothing the call asked for was stored, and it may be tried again.
 */
public final class StoreUnavailable extends RuntimeException {
  public StoreUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
