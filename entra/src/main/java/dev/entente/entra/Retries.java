package dev.entente.entra;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How hard the connection tries (R-ENT-2): how many retries a request gets when throttled (429),
 * unavailable (503, 504) or unreachable; the backoff when Graph does not say how long to wait; how
 * many times a request right after a create is retried on 404 (replication delay); and how long one
 * request may take. A {@code Retry-After} is always honoured, however long.
 *
 * @param maxRetries retries of one request after 429, 503, 504 or a connection failure
 * @param initialBackoff the first backoff when there is no {@code Retry-After}; it doubles per
 *     retry, with jitter
 * @param maxBackoff the longest backoff
 * @param replicationRetries retries of a request after a create that answers 404
 * @param requestTimeout how long one request may take, its whole answer (headers and body) read: a
 *     guard against a server that hangs, or sends its headers and stalls
 * @param maxRetryAfter the longest wait a {@code Retry-After} may ask for: one that asks for more
 *     ends the run as throttled instead of holding it for as long as the server says
 */
public record Retries(
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    int replicationRetries,
    Duration requestTimeout,
    Duration maxRetryAfter) {

  /**
   * Checks the values.
   *
   * @param maxRetries see the record
   * @param initialBackoff see the record
   * @param maxBackoff see the record
   * @param replicationRetries see the record
   * @param requestTimeout see the record
   * @param maxRetryAfter see the record
   */
  public Retries {
    requireNonNull(initialBackoff, "initialBackoff");
    requireNonNull(maxRetryAfter, "maxRetryAfter");
    requireNonNull(maxBackoff, "maxBackoff");
    requireNonNull(requestTimeout, "requestTimeout");
    if (maxRetries < 0
        || replicationRetries < 0
        || initialBackoff.isNegative()
        || maxBackoff.compareTo(initialBackoff) < 0
        || requestTimeout.isNegative()
        || requestTimeout.isZero()
        || maxRetryAfter.compareTo(maxBackoff) < 0) {
      throw new IllegalArgumentException(
          "retries must not be negative, maxBackoff at least initialBackoff, maxRetryAfter at"
              + " least maxBackoff, requestTimeout positive: "
              + maxRetries
              + ", "
              + initialBackoff
              + ", "
              + maxBackoff
              + ", "
              + replicationRetries
              + ", "
              + requestTimeout
              + ", "
              + maxRetryAfter);
    }
  }

  /**
   * {@return 6 retries, backoff from 1 s doubling to at most 64 s, 5 retries for replication, 100 s
   * per request (Graph's own gateway timeout), a {@code Retry-After} of at most 10 minutes}
   */
  public static Retries defaults() {
    return new Retries(
        6,
        Duration.ofSeconds(1),
        Duration.ofSeconds(64),
        5,
        Duration.ofSeconds(100),
        Duration.ofMinutes(10));
  }
}
