package dev.entente.entra.fake;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Answers the {@link FakeEntra}'s requests a test's own way, as OkHttp's MockWebServer lets a
 * {@code Dispatcher} do: every request passes through it with the answer the fake would give, which
 * it returns as it is, changes, or replaces — a page that is no page, a body sent twice, a {@code
 * $batch} with an id answered twice, headers and then a stall. Runs on the fake's server threads,
 * outside its lock.
 */
@FunctionalInterface
public interface Dispatcher {
  /** The fake's own answers, unchanged. */
  Dispatcher FAKE = (request, fake) -> fake.get();

  /**
   * The answer to {@code request}.
   *
   * @param request the request, as the fake received it
   * @param fake the answer the fake gives, computed (and its state changed) only when asked for
   * @return the answer to write
   */
  Response dispatch(Request request, Supplier<Response> fake);

  /**
   * A request.
   *
   * @param method the HTTP method
   * @param target the path and query, as sent: {@code /v1.0/…} for Graph, {@code /login/…} for the
   *     login hosts
   * @param headers the request's headers (first value of each, names in lower case)
   * @param body the body, as text
   */
  record Request(String method, String target, Map<String, String> headers, String body) {
    /**
     * Copies the headers.
     *
     * @param method see the record
     * @param target see the record
     * @param headers see the record
     * @param body see the record
     */
    public Request {
      requireNonNull(method, "method");
      requireNonNull(target, "target");
      headers = Map.copyOf(headers);
      requireNonNull(body, "body");
    }
  }

  /**
   * An answer, written as given.
   *
   * @param status the HTTP status
   * @param headers the headers
   * @param body the body's bytes, empty for none
   * @param stall how long to wait after the headers and the body's first byte before the rest, for
   *     a server that stalls mid-answer
   */
  @SuppressWarnings("ArrayRecordComponent") // a test's answer, never compared
  record Response(int status, Map<String, String> headers, byte[] body, Duration stall) {
    /**
     * Copies the headers; the stall must not be negative.
     *
     * @param status see the record
     * @param headers see the record
     * @param body see the record
     * @param stall see the record
     */
    public Response {
      headers = Map.copyOf(headers);
      requireNonNull(body, "body");
      if (stall.isNegative()) {
        throw new IllegalArgumentException("stall must not be negative: " + stall);
      }
    }

    /**
     * A JSON answer.
     *
     * @param status the status
     * @param json the body
     * @return the answer
     */
    public static Response json(int status, String json) {
      return new Response(
          status,
          Map.of("Content-Type", "application/json"),
          json.getBytes(StandardCharsets.UTF_8),
          Duration.ZERO);
    }

    /** {@return the body as text} */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * {@return this answer with another body}
     *
     * @param json the body
     */
    public Response withBody(String json) {
      return new Response(status, headers, json.getBytes(StandardCharsets.UTF_8), stall);
    }

    /**
     * {@return this answer, stalling after its headers and first byte}
     *
     * @param stall how long
     */
    public Response stallingFor(Duration stall) {
      return new Response(status, headers, body, stall);
    }
  }
}
