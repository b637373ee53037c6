package dev.entente.entra.fake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reading a request: its query string, a form body, a JSON object body. */
final class Requests {
  private Requests() {}

  /** The decoded parameters of {@code target}'s query string. */
  static Map<String, String> query(String target) {
    Map<String, String> query = new HashMap<>();
    int q = target.indexOf('?');
    if (q >= 0) {
      for (String pair : target.substring(q + 1).split("&", -1)) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
      }
    }
    return query;
  }

  /** The decoded fields of an {@code application/x-www-form-urlencoded} body. */
  static Map<String, String> form(String body) {
    return query("?" + body);
  }

  static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  /** A body that must be one JSON object. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String body) throws Json.Malformed {
    Object parsed = Json.parse(body);
    if (!(parsed instanceof Map<?, ?>)) {
      throw new Json.Malformed("the body is not a JSON object");
    }
    return (Map<String, Object>) parsed;
  }
}
