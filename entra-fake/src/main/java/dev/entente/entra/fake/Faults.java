package dev.entente.entra.fake;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What the {@link FakeEntra} does wrong, on purpose: a share of requests throttled (429, with or
 * without {@code Retry-After}, in seconds or as an HTTP date), a share answered 503, and new
 * organizations that Graph does not find for a while after their create (replication delay). Each
 * share is drawn per request, inside a {@code $batch} too, from the fake's seeded random numbers.
 * Immutable; start from {@link #none()}.
 *
 * @param throttled the share of Graph requests answered 429, from 0 to 1
 * @param withoutRetryAfter the share of those 429s that carry no {@code Retry-After}
 * @param retryAfter how long a 429 asks the client to wait (whole seconds on the wire)
 * @param retryAfterAsHttpDate whether {@code Retry-After} is an HTTP date instead of seconds
 * @param unavailable the share of Graph requests answered 503 Service Unavailable
 * @param replicationDelay how many requests that name a new organization answer 404 after its
 *     create
 */
public record Faults(
    double throttled,
    double withoutRetryAfter,
    Duration retryAfter,
    boolean retryAfterAsHttpDate,
    double unavailable,
    int replicationDelay) {

  /**
   * Checks the shares are between 0 and 1 and the rest not negative.
   *
   * @param throttled see the record
   * @param withoutRetryAfter see the record
   * @param retryAfter see the record
   * @param retryAfterAsHttpDate see the record
   * @param unavailable see the record
   * @param replicationDelay see the record
   */
  public Faults {
    share("throttled", throttled);
    share("withoutRetryAfter", withoutRetryAfter);
    share("unavailable", unavailable);
    requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.isNegative() || replicationDelay < 0) {
      throw new IllegalArgumentException(
          "retryAfter and replicationDelay must not be negative: "
              + retryAfter
              + ", "
              + replicationDelay);
    }
  }

  private static void share(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be a share from 0 to 1, not " + value);
    }
  }

  /** {@return no faults: every request answered as Graph answers it on a good day} */
  public static Faults none() {
    return new Faults(0, 0, Duration.ofSeconds(2), false, 0, 0);
  }

  /**
   * {@return these faults, throttling a share of requests}
   *
   * @param share the share of Graph requests answered 429
   * @param withoutRetryAfter the share of those without {@code Retry-After}
   * @param retryAfter what {@code Retry-After} asks for
   */
  public Faults throttling(double share, double withoutRetryAfter, Duration retryAfter) {
    return new Faults(
        share, withoutRetryAfter, retryAfter, retryAfterAsHttpDate, unavailable, replicationDelay);
  }

  /** {@return these faults, with {@code Retry-After} written as an HTTP date} */
  public Faults withHttpDates() {
    return new Faults(
        throttled, withoutRetryAfter, retryAfter, true, unavailable, replicationDelay);
  }

  /**
   * {@return these faults, answering a share of requests 503}
   *
   * @param share the share of Graph requests answered 503
   */
  public Faults unavailable(double share) {
    return new Faults(
        throttled, withoutRetryAfter, retryAfter, retryAfterAsHttpDate, share, replicationDelay);
  }

  /**
   * {@return these faults, with a new organization not found by its first requests}
   *
   * @param requests how many requests naming it answer 404 after its create
   */
  public Faults replicationDelay(int requests) {
    return new Faults(
        throttled, withoutRetryAfter, retryAfter, retryAfterAsHttpDate, unavailable, requests);
  }
}
