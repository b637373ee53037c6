package dev.entente.entra.fake;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The fake's answer to one request: status, headers, body (a JSON value, or null for none), and the
 * error shapes Graph answers with.
 */
record Answer(int status, Map<String, String> headers, @Nullable Object body) {
  static Answer of(int status, @Nullable Object body) {
    return new Answer(status, Map.of(), body);
  }

  /** Graph's 400 for a request it cannot take, with {@code message}. */
  static Answer badRequest(String message) {
    return of(400, Json.object("error", Json.object("code", "BadRequest", "message", message)));
  }

  /** Graph's 405 for a method a path does not take. */
  static Answer methodNotAllowed(String method) {
    return of(
        405,
        Json.object(
            "error",
            Json.object("code", "BadRequest", "message", method + " is not allowed here.")));
  }
}
