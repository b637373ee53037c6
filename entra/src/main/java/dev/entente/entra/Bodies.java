package dev.entente.entra;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON of the connection's own wire, beside the resources {@code GraphJson} reads
 * (organizations, sponsors, audit entries, federation configurations): error bodies (Graph's and
 * the login hosts'), the {@code $batch} envelope, the OpenID configuration and tenant information.
 * Streaming; unknown properties skipped.
 */
final class Bodies {
  private static final JsonFactory FACTORY = new JsonFactory();

  private Bodies() {}

  /** Thrown for an answer that is not the JSON expected; the caller names the request. */
  static final class Unreadable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unreadable(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }

  /** Graph's {@code error.code} and {@code error.message}, or the login host's error fields. */
  record ErrorBody(@Nullable String code, @Nullable String message) {}

  static ErrorBody error(byte[] body) {
    try (JsonParser p = FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return new ErrorBody(null, null);
      }
      String code = null;
      String message = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (name.equals("error") && t == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String inner = p.currentName();
            JsonToken v = p.nextToken();
            if (inner.equals("code") && v == JsonToken.VALUE_STRING) {
              code = p.getText();
            } else if (inner.equals("message") && v == JsonToken.VALUE_STRING) {
              message = p.getText();
            } else {
              p.skipChildren();
            }
          }
        } else if (name.equals("error") && t == JsonToken.VALUE_STRING) {
          code = p.getText();
        } else if (name.equals("error_description") && t == JsonToken.VALUE_STRING) {
          message = p.getText();
        } else {
          p.skipChildren();
        }
      }
      return new ErrorBody(code, message);
    } catch (IOException e) {
      return new ErrorBody(null, null);
    }
  }

  // ----- $batch -----

  static void writeBatch(List<GraphHttp.Inner> requests, OutputStream out) {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("requests");
      for (GraphHttp.Inner r : requests) {
        g.writeStartObject();
        g.writeStringField("id", r.id());
        g.writeStringField("method", r.method());
        g.writeStringField("url", r.url());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One answer inside a {@code $batch}: id, status, headers (lower-case names), JSON body. */
  @SuppressWarnings("ArrayRecordComponent") // internal, never compared
  record InnerResponse(String id, int status, Map<String, String> headers, byte[] body) {
    /** This answer as one outside a batch would be, for the same retry and failure handling. */
    GraphHttp.Response asResponse() {
      Map<String, List<String>> all = new HashMap<>();
      headers.forEach((name, value) -> all.put(name, List.of(value)));
      return new GraphHttp.Response(status, all, body);
    }
  }

  static List<InnerResponse> batchResponses(byte[] body) {
    List<InnerResponse> all = new ArrayList<>();
    boolean responses = false;
    try (JsonParser p = FACTORY.createParser(body)) {
      expect(p, p.nextToken(), JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (!name.equals("responses")) {
          p.skipChildren();
          continue;
        }
        expect(p, t, JsonToken.START_ARRAY);
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          expect(p, t, JsonToken.START_OBJECT);
          all.add(innerResponse(p));
        }
        responses = true;
      }
      if (!responses) {
        throw new Unreadable("the $batch answer has no responses array", null);
      }
      end(p);
      return all;
    } catch (IOException e) {
      throw new Unreadable("the $batch answer is not JSON: " + e.getMessage(), e);
    }
  }

  private static InnerResponse innerResponse(JsonParser p) throws IOException {
    String id = null;
    int status = -1;
    Map<String, String> headers = new HashMap<>();
    byte[] body = new byte[0];
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "id" -> id = p.getValueAsString();
        case "status" -> status = p.getValueAsInt(-1);
        case "headers" -> {
          if (t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String header = p.currentName().toLowerCase(Locale.ROOT);
              p.nextToken();
              String value = p.getValueAsString();
              if (value != null) {
                headers.put(header, value);
              }
            }
          } else {
            p.skipChildren();
          }
        }
        case "body" -> {
          ByteArrayOutputStream raw = new ByteArrayOutputStream();
          try (JsonGenerator g = FACTORY.createGenerator(raw)) {
            g.copyCurrentStructure(p);
          }
          body = raw.toByteArray();
        }
        default -> p.skipChildren();
      }
    }
    if (id == null || status < 100) {
      throw new Unreadable("a $batch answer has no id or status", null);
    }
    return new InnerResponse(id, status, headers, body);
  }

  /** Refuses anything after the document: a second document in one answer (R-ENT-4). */
  private static void end(JsonParser p) throws IOException {
    if (p.nextToken() != null) {
      throw new Unreadable(
          "something follows the answer's JSON at " + p.currentLocation().offsetDescription(),
          null);
    }
  }

  private static void expect(JsonParser p, @Nullable JsonToken t, JsonToken wanted) {
    if (t != wanted) {
      throw new Unreadable(
          "expected " + wanted + " at " + p.currentLocation().offsetDescription() + ", not " + t,
          null);
    }
  }

  // ----- flat objects -----

  /**
   * The string properties of a JSON object (nested objects and arrays skipped); {@code error_codes}
   * is kept as its numbers joined by commas.
   */
  static Map<String, String> strings(byte[] body) {
    Map<String, String> fields = new HashMap<>();
    try (JsonParser p = FACTORY.createParser(body)) {
      expect(p, p.nextToken(), JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_STRING) {
          fields.put(name, p.getText());
        } else if (t == JsonToken.START_ARRAY && name.equals("error_codes")) {
          StringBuilder codes = new StringBuilder();
          while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            codes.append(codes.length() == 0 ? "" : ",").append(p.getText());
          }
          fields.put(name, codes.toString());
        } else {
          p.skipChildren();
        }
      }
      end(p);
      return fields;
    } catch (IOException e) {
      throw new Unreadable("not a JSON object: " + e.getMessage(), e);
    }
  }
}
