package dev.entente.entra.fake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON values as plain Java: objects are {@code LinkedHashMap}s, arrays {@code List}s, a JSON
 * {@code null} is {@link #NULL} (so that "absent" and "null" differ, as they do in a PATCH).
 */
final class Json {
  /** JSON's {@code null}. */
  static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  /** Thrown for text that is not one well-formed JSON value. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  static Object parse(String text) throws Malformed {
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken t = parser.nextToken();
      if (t == null) {
        throw new Malformed("the body is empty");
      }
      Object value = value(parser, t);
      if (parser.nextToken() != null) {
        throw new Malformed("text follows the JSON value");
      }
      return value;
    } catch (IOException e) {
      throw new Malformed(String.valueOf(e.getMessage()));
    }
  }

  private static Object value(JsonParser parser, JsonToken t) throws IOException, Malformed {
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          if (object.put(name, value(parser, parser.nextToken())) != null) {
            throw new Malformed("duplicate key " + name);
          }
        }
        return object;
      }
      case START_ARRAY -> {
        List<Object> array = new ArrayList<>();
        JsonToken e;
        while ((e = parser.nextToken()) != JsonToken.END_ARRAY) {
          array.add(value(parser, e));
        }
        return array;
      }
      case VALUE_STRING -> {
        return parser.getText();
      }
      case VALUE_NUMBER_INT -> {
        return parser.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return parser.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return true;
      }
      case VALUE_FALSE -> {
        return false;
      }
      case VALUE_NULL -> {
        return NULL;
      }
      default -> throw new Malformed("unexpected " + t);
    }
  }

  static String write(@Nullable Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator g, @Nullable Object value) throws IOException {
    if (value == null || value == NULL) {
      g.writeNull();
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object e : list) {
        write(g, e);
      }
      g.writeEndArray();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Long l) {
      g.writeNumber(l);
    } else if (value instanceof Integer i) {
      g.writeNumber(i);
    } else if (value instanceof Double d) {
      g.writeNumber(d);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else {
      g.writeString(value.toString());
    }
  }

  /** A JSON object built in order: {@code Json.object("a", 1, "b", "x")}. */
  static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      object.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return object;
  }
}
