package dev.entente.chromium;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Debian's headless Chromium, driven by its ChromeDriver over the W3C WebDriver protocol (JSON over
 * HTTP): just what a test of a page needs — go, find, click, type, read, run a script, take a
 * screenshot. {@code .ci/run} installs both packages when they are missing.
 */
public final class Chromium implements AutoCloseable {
  /** WebDriver's key of an element reference. */
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process driver;
  private final String session;
  private final Duration hangGuard;
  private final Path screenshots;
  private final HttpClient http = HttpClient.newHttpClient();
  private int shots;

  /**
   * Starts ChromeDriver and a headless Chromium with a new profile.
   *
   * @param hangGuard how long a wait may last before the test calls it a hang (not a limit)
   * @param screenshots where screenshots go
   */
  public Chromium(Duration hangGuard, Path screenshots) throws Exception {
    this.hangGuard = hangGuard;
    this.screenshots = Files.createDirectories(screenshots);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    driver =
        new ProcessBuilder("/usr/bin/chromedriver", "--port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(screenshots.resolve("chromedriver.log").toFile())
            .start();
    String base = "http://localhost:" + port;
    this.driverBase = base;
    awaitTrue(
        () -> {
          try {
            return call("GET", "/status", null).path("value").path("ready").asBoolean();
          } catch (IOException | InterruptedException notYet) {
            return false;
          }
        },
        "ChromeDriver to listen");
    Path profile = Files.createTempDirectory("entente-chromium");
    ObjectNode capabilities = JSON.createObjectNode();
    ObjectNode match =
        capabilities
            .putObject("capabilities")
            .putObject("alwaysMatch")
            .put("browserName", "chrome");
    // The page's console, read back by consoleErrors().
    match.putObject("goog:loggingPrefs").put("browser", "ALL");
    ObjectNode chrome = match.putObject("goog:chromeOptions");
    chrome.put("binary", "/usr/bin/chromium");
    // As this machine's notes say: without the background-networking flags, Chromium's own
    // connections are refused by the closed network, many at a time.
    for (String arg :
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1400,1000",
            "--user-data-dir=" + profile)) {
      chrome.withArray("args").add(arg);
    }
    session = call("POST", "/session", capabilities).path("value").path("sessionId").asText();
    if (session.isEmpty()) {
      throw new IllegalStateException("ChromeDriver started no session");
    }
  }

  private final String driverBase;

  private JsonNode call(String method, String path, @Nullable JsonNode body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(driverBase + path))
            .timeout(hangGuard)
            .header("Content-Type", "application/json");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode answer = JSON.readTree(response.body());
    if (response.statusCode() >= 300) {
      throw new WebDriverError(
          answer.path("value").path("error").asText()
              + ": "
              + answer.path("value").path("message").asText());
    }
    return answer;
  }

  /** An error ChromeDriver answered, such as {@code no such element}. */
  public static final class WebDriverError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WebDriverError(String message) {
      super(message);
    }
  }

  private JsonNode command(String method, String path, @Nullable Map<String, ?> body)
      throws Exception {
    return call(method, "/session/" + session + path, body == null ? null : JSON.valueToTree(body))
        .path("value");
  }

  /** Opens {@code url}. */
  public void go(String url) throws Exception {
    command("POST", "/url", Map.of("url", url));
  }

  /** Opens {@code url} as a new page load, not a route change inside the page already open. */
  public void load(String url) throws Exception {
    go("about:blank");
    go(url);
  }

  /** {@return the elements {@code css} selects now} */
  public List<String> all(String css) throws Exception {
    List<String> found = new ArrayList<>();
    for (JsonNode e : command("POST", "/elements", Map.of("using", "css selector", "value", css))) {
      found.add(e.path(ELEMENT).asText());
    }
    return found;
  }

  /** {@return the first element {@code css} selects, waiting for one to appear} */
  public String find(String css) throws Exception {
    List<List<String>> found = new ArrayList<>();
    awaitTrue(
        () -> {
          try {
            List<String> now = all(css);
            found.add(now);
            return !now.isEmpty();
          } catch (Exception e) {
            return false;
          }
        },
        css);
    return found.get(found.size() - 1).get(0);
  }

  /** Clicks the element, waiting until it can be clicked. */
  public void click(String element) throws Exception {
    awaitTrue(
        () -> {
          try {
            command("POST", "/element/" + element + "/click", Map.of());
            return true;
          } catch (WebDriverError notYet) {
            return false;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        "a click");
  }

  /** Replaces the field's text with {@code text}. */
  public void type(String element, String text) throws Exception {
    command("POST", "/element/" + element + "/clear", Map.of());
    command("POST", "/element/" + element + "/value", Map.of("text", text));
  }

  /** {@return the value of the form field {@code element}} */
  public String value(String element) throws Exception {
    return command("GET", "/element/" + element + "/property/value", null).asText();
  }

  /** {@return the page's visible text} */
  public String text() throws Exception {
    return string("return document.body.innerText;");
  }

  /** {@return what {@code script}, a function body, returns: a string, or a string's rendering} */
  public String string(String script) throws Exception {
    JsonNode value = command("POST", "/execute/sync", Map.of("script", script, "args", List.of()));
    return value.isTextual() ? value.asText() : value.toString();
  }

  /** {@return the strings of the array that {@code script}, a function body, returns} */
  public List<String> strings(String script) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode s :
        command("POST", "/execute/sync", Map.of("script", script, "args", List.of()))) {
      out.add(s.asText());
    }
    return out;
  }

  /**
   * {@return the errors the browser's console received since the last call} an uncaught exception,
   * a failed load or a {@code console.error}, each as Chromium worded it
   */
  public List<String> consoleErrors() throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode entry : command("POST", "/se/log", Map.of("type", "browser"))) {
      if (entry.path("level").asText().equals("SEVERE")) {
        out.add(entry.path("message").asText());
      }
    }
    return out;
  }

  /** Waits until the page's visible text contains {@code expected}. */
  public void awaitText(String expected) throws Exception {
    awaitTrue(
        () -> {
          try {
            return text().contains(expected);
          } catch (Exception e) {
            return false;
          }
        },
        "the text '" + expected + "'");
  }

  /** Saves a screenshot as {@code <n>-<name>.png} in the screenshot folder, kept by the build. */
  public Path screenshot(String name) throws Exception {
    byte[] png = Base64.getDecoder().decode(command("GET", "/screenshot", null).asText());
    Path file = screenshots.resolve(String.format("%02d-%s.png", ++shots, name));
    Files.write(file, png);
    return file;
  }

  private void awaitTrue(BooleanSupplier condition, String what) throws Exception {
    long deadline = System.nanoTime() + hangGuard.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        String text;
        try {
          screenshot("hang");
          text = session == null ? "" : text();
        } catch (Exception e) {
          text = "(" + e + ")";
        }
        throw new AssertionError("hang guard: waited for " + what + "; the page shows:\n" + text);
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      command("DELETE", "", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IOException("closing Chromium's session", e);
    } finally {
      driver.descendants().forEach(ProcessHandle::destroy);
      driver.destroy();
      try {
        if (!driver.waitFor(1, TimeUnit.MINUTES)) {
          driver.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
