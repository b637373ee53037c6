package dev.entente.entra;

import dev.entente.entra.EntraException.Reason;
import dev.entente.graph.GraphJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to Graph and to the login hosts as a good citizen (R-ENT-2): a token only below
 * the service root, 429 honoured with {@code Retry-After} (seconds or HTTP date) and exponential
 * backoff with jitter when it is absent, never a retry sooner; 503, 504 and connection failures
 * retried within the same budget; one fresh token after a 401; a 404 right after a create retried
 * within a bound (replication delay); {@code x-ms-throttle-priority: low} for a background sync.
 */
final class GraphHttp {
  private static final Logger LOG = LoggerFactory.getLogger(GraphHttp.class);

  /** A response: status, headers (names in lower case) and body. */
  @SuppressWarnings("ArrayRecordComponent") // internal, never compared
  record Response(int status, Map<String, List<String>> headers, byte[] body) {
    Optional<String> header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpClient client;
  private final GraphJson graph;
  private final URI root;
  private final AccessTokens tokens;
  private final Set<String> scopes;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Retries retries;
  private final boolean lowPriority;
  private final java.util.concurrent.atomic.AtomicLong requests =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicReference<Instant> notBefore =
      new java.util.concurrent.atomic.AtomicReference<>(Instant.MIN);

  GraphHttp(
      HttpClient client,
      GraphJson graph,
      AccessTokens tokens,
      Clock clock,
      Sleeper sleeper,
      Retries retries,
      boolean lowPriority) {
    this.client = client;
    this.graph = graph;
    this.root = URI.create(graph.serviceRoot());
    this.tokens = tokens;
    this.scopes = Set.of(root.getScheme() + "://" + root.getRawAuthority() + "/.default");
    this.clock = clock;
    this.sleeper = sleeper;
    this.retries = retries;
    this.lowPriority = lowPriority;
  }

  /** {@return how many HTTP requests this connection has sent, retries included} */
  long requests() {
    return requests.get();
  }

  Retries retries() {
    return retries;
  }

  Clock clock() {
    return clock;
  }

  /**
   * Sends a Graph request with a token, retrying as the class says.
   *
   * @param afterCreate whether the request names an organization just created, whose 404 is
   *     replication delay
   */
  Response graph(String method, String url, @Nullable String body, boolean afterCreate) {
    String request = method + " " + url;
    if (!onServiceRoot(url)) {
      throw new EntraException(
          Reason.OFF_SERVICE_ROOT,
          request,
          0,
          null,
          "is not below the service root " + root + "; no token is sent there",
          null);
    }
    return send(method, url, body, true, afterCreate, true);
  }

  /** Sends a request without a token (the login host's OpenID configuration). */
  Response anonymous(String url) {
    return send("GET", url, null, false, false, true);
  }

  /**
   * Sends, retrying as the class says; with {@code retrying} false, an answer that a wait would
   * help (429, 503, 504, 424, or none at all, returned as a 503) comes back for the caller to wait
   * once for everything it sent together, and send again.
   */
  private Response send(
      String method,
      String url,
      @Nullable String body,
      boolean authenticated,
      boolean afterCreate,
      boolean retrying) {
    String request = method + " " + url;
    int attempt = 0;
    int notFound = 0;
    boolean refresh = false;
    boolean refreshed = false;
    while (true) {
      holdOn(request);
      Response response;
      try {
        response = once(method, url, body, authenticated ? token(request, refresh) : null);
      } catch (IOException e) {
        if (!retrying) {
          return new Response(503, Map.of(), new byte[0]);
        }
        if (attempt >= retries.maxRetries()) {
          throw new EntraException(
              Reason.UNAVAILABLE,
              request,
              0,
              null,
              "unreachable after " + (attempt + 1) + " attempts: " + unreachable(e),
              e);
        }
        attempt++;
        pause(request, backoff(attempt));
        continue;
      }
      refresh = false;
      int status = response.status();
      if (status >= 200 && status < 300) {
        return response;
      }
      if (status == 401 && authenticated && !refreshed) {
        refresh = true;
        refreshed = true;
        continue;
      }
      if (retryable(status) && !retrying) {
        return response;
      }
      if (retryable(status)) {
        attempt++;
        Duration wait = retryWait(request, response, attempt);
        if (status == 429) {
          hold(wait); // every request of this connection waits, not this one alone
        }
        pause(request, wait);
        continue;
      }
      if (status == 404 && afterCreate && notFound < retries.replicationRetries()) {
        notFound++;
        pause(request, backoff(notFound));
        continue;
      }
      throw refused(request, response);
    }
  }

  /**
   * {@return why a connection failed, in words: the JDK's message, or what its exception means when
   * it has none (a refused connection is a bare {@code java.net.ConnectException})}
   */
  static String unreachable(IOException e) {
    String own = said(e);
    String meaning = meaning(e);
    if (meaning != null) {
      return meaning;
    }
    if (own != null) {
      return own;
    }
    for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
      meaning = meaning(t);
      if (meaning != null) {
        return meaning;
      }
    }
    return e.getClass().getSimpleName();
  }

  /** The message of {@code t}, unless it has none or it is only a class name. */
  private static @Nullable String said(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() || message.startsWith("java.")
        ? null
        : message.strip();
  }

  /** What a failed connection of this kind means: its own words, else the kind's. */
  private static @Nullable String meaning(Throwable t) {
    String own = said(t);
    if (t instanceof java.net.UnknownHostException) {
      return "unknown host " + (own == null ? "" : own);
    }
    if (t instanceof java.net.http.HttpConnectTimeoutException) {
      return own == null ? "the connection timed out" : own;
    }
    if (t instanceof java.net.ConnectException) {
      return own == null ? "the connection was refused" : own;
    }
    if (t instanceof java.net.http.HttpTimeoutException) {
      return own == null ? "no answer in time" : own;
    }
    return null;
  }

  /** The largest number of seconds a {@code Retry-After} is read as; larger is past any bound. */
  private static final java.math.BigDecimal MAX_SECONDS = java.math.BigDecimal.valueOf(1L << 31);

  /**
   * Whether an answer of {@code status} is retried after a wait: 429, 503 and 504, and 424 (a
   * {@code $batch} answered "failed dependency", which Graph's throttling guidance says to retry).
   */
  static boolean retryable(int status) {
    return status == 429 || status == 503 || status == 504 || status == 424;
  }

  /**
   * How long to wait before retry number {@code retry} (from 1) of {@code request}, answered with
   * {@code response} (429, 503 or 504): what its {@code Retry-After} asks, or a backoff. A typed
   * failure when the retries are spent or the answer asks for longer than {@link
   * Retries#maxRetryAfter()}.
   */
  Duration retryWait(String request, Response response, int retry) {
    Reason reason = response.status() == 429 ? Reason.THROTTLED : Reason.UNAVAILABLE;
    if (retry > retries.maxRetries()) {
      throw failure(
          reason,
          request,
          response,
          "still " + response.status() + " after " + retry + " attempts");
    }
    Duration wait = delay(response.header("Retry-After").orElse(null), retry);
    if (wait.compareTo(retries.maxRetryAfter()) > 0) {
      throw failure(
          reason,
          request,
          response,
          "asks to wait " + wait + ", longer than the " + retries.maxRetryAfter() + " allowed");
    }
    return wait;
  }

  /** The failure of an answer that no retry helps: 401/403 unauthorized, anything else refused. */
  static EntraException refused(String request, Response response) {
    int status = response.status();
    return failure(
        status == 401 || status == 403 ? Reason.UNAUTHORIZED : Reason.REFUSED,
        request,
        response,
        "answered " + status);
  }

  /** The failure of an answer that cannot be read. */
  static EntraException unreadable(
      String request, int status, @Nullable String what, @Nullable Throwable cause) {
    return new EntraException(
        Reason.MALFORMED,
        request,
        status,
        null,
        "the answer cannot be read: " + ServerText.message(what),
        cause);
  }

  private String token(String request, boolean refresh) {
    AccessToken token;
    try {
      token = tokens.token(scopes, refresh);
    } catch (RuntimeException e) {
      throw new EntraException(
          Reason.TOKEN, request, 0, null, "no token for " + scopes + ": " + e.getMessage(), e);
    }
    if (token == null) {
      throw new EntraException(
          Reason.TOKEN, request, 0, null, "no token for " + scopes + ": the port gave none", null);
    }
    return token.value();
  }

  private Response once(String method, String url, @Nullable String body, @Nullable String token)
      throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(retries.requestTimeout())
            .header("Accept", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
      if (lowPriority) {
        request.header("x-ms-throttle-priority", "low");
      }
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<byte[]> response;
    requests.incrementAndGet();
    try {
      response =
          whole(
              client,
              request.build(),
              HttpResponse.BodyHandlers.ofByteArray(),
              retries.requestTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EntraException(
          Reason.INTERRUPTED, method + " " + url, 0, null, "interrupted while waiting", e);
    }
    Map<String, List<String>> headers = new java.util.HashMap<>();
    response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    return new Response(response.statusCode(), headers, response.body());
  }

  /**
   * Sends {@code request} and reads its whole answer, headers and body, within {@code bound}:
   * HttpClient's own timeout ends at the headers, and a server that sends them and stalls would
   * hold a run for ever. Past the bound the exchange is cancelled and an {@link
   * java.net.http.HttpTimeoutException} thrown, which callers retry as any failed connection.
   */
  static <T> HttpResponse<T> whole(
      HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> body, Duration bound)
      throws IOException, InterruptedException {
    java.util.concurrent.CompletableFuture<HttpResponse<T>> answer =
        client.sendAsync(request, body);
    try {
      return answer.get(bound.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      answer.cancel(true);
      throw new java.net.http.HttpTimeoutException("no whole answer within " + bound);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(String.valueOf(cause), cause);
    } catch (InterruptedException e) {
      answer.cancel(true);
      throw e;
    }
  }

  /**
   * How long to wait before retrying an answer that carried {@code retryAfter}: what it says (in
   * seconds, or until an HTTP date), else exponential backoff with jitter for the {@code attempt}th
   * retry.
   */
  Duration delay(@Nullable String retryAfter, int attempt) {
    if (retryAfter != null) {
      String value = retryAfter.trim();
      try {
        // Seconds, whole (RFC 9110) or with a fraction, as Microsoft's throttling sample sends
        // them: never rounded down, so a retry never comes sooner than asked.
        java.math.BigDecimal seconds = new java.math.BigDecimal(value);
        if (seconds.signum() >= 0 && seconds.compareTo(MAX_SECONDS) <= 0) {
          return Duration.ofMillis(
              seconds
                  .movePointRight(3)
                  .setScale(0, java.math.RoundingMode.CEILING)
                  .longValueExact());
        }
      } catch (NumberFormatException e) {
        try {
          Instant until =
              ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
          Duration wait = Duration.between(clock.instant(), until);
          return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException unreadable) {
          LOG.debug("unreadable Retry-After {}; backing off", value);
        }
      }
    }
    return backoff(attempt);
  }

  /** Exponential backoff with jitter: half of base × 2^(attempt−1), capped, plus up to as much. */
  Duration backoff(int attempt) {
    long base = retries.initialBackoff().toMillis();
    long cap = retries.maxBackoff().toMillis();
    long full = Math.min(cap, base << Math.min(30, Math.max(0, attempt - 1)));
    long half = full / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }

  /**
   * Holds every request of this connection for {@code wait} from now: what a 429's {@code
   * Retry-After} asks applies to the application, so requests in flight together share it.
   */
  private void hold(Duration wait) {
    if (wait.isZero()) {
      return;
    }
    Instant until = clock.instant().plus(wait);
    notBefore.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** Waits until a hold has passed. */
  private void holdOn(String request) {
    Duration left = Duration.between(clock.instant(), notBefore.get());
    if (left.compareTo(Duration.ZERO) > 0) {
      pause(request, left);
    }
  }

  /** Waits {@code wait}; an interrupt ends the run. */
  void pause(String request, Duration wait) {
    if (wait.isZero()) {
      return;
    }
    LOG.debug("waiting {} before retrying {}", wait, request);
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EntraException(
          Reason.INTERRUPTED, request, 0, null, "interrupted while waiting to retry", e);
    }
  }

  /**
   * A typed failure with Graph's error code and message, when the body has them, as {@link
   * ServerText} lets them through: a code only when it has the shape of one, a message scrubbed of
   * anything shaped like a credential.
   */
  static EntraException failure(Reason reason, String request, Response response, String what) {
    Bodies.ErrorBody error = Bodies.error(response.body());
    String message = ServerText.message(error.message());
    return new EntraException(
        reason,
        request,
        response.status(),
        ServerText.code(error.code()),
        what + (message.isEmpty() ? "" : ": " + message),
        null);
  }

  /**
   * Whether {@code url} lies below the service root, where the token may go; or is the one beta
   * resource Entente reads, the domain list of {@link #betaDomainListUrl()}, on the same service.
   */
  boolean onServiceRoot(String url) {
    return graph.isBelowServiceRoot(url) || url.equals(betaDomainListUrl());
  }

  /**
   * {@return Graph beta's {@code /policies/b2bManagementPolicies} on this connection's service: the
   * service root with {@code /beta} for its {@code /v1.0}}
   */
  String betaDomainListUrl() {
    String root = graph.serviceRoot();
    return (root.endsWith("/v1.0") ? root.substring(0, root.length() - "/v1.0".length()) : root)
        + "/beta/policies/b2bManagementPolicies";
  }

  /** One request inside a {@code $batch}. */
  record Inner(String id, String method, String url) {}

  /**
   * A {@code $batch}'s answers in the order of its requests, or the envelope's answer that a wait
   * would help.
   *
   * @param answers the answers, or null
   * @param retry the envelope's retryable answer, or null
   */
  record Batch(@Nullable List<Bodies.InnerResponse> answers, @Nullable Response retry) {}

  /**
   * Sends up to 20 GET requests in one {@code $batch} and returns each one's answer, in the order
   * of {@code requests}. Graph answers in any order, each by the id it was sent with: an answer
   * whose id was not sent, or was answered already, and a request left unanswered are each a {@link
   * Reason#MALFORMED} failure, never an answer given to the wrong request (R-ENT-4). An envelope
   * answered 429, 503, 504 or 424 (or not answered) is not retried here: it comes back as {@link
   * Batch#retry()}, for the caller to wait once for all the batches it sent together.
   */
  Batch batch(List<Inner> requests) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Bodies.writeBatch(requests, out);
    String request = "POST " + root + "/$batch";
    Response response =
        send("POST", root + "/$batch", out.toString(StandardCharsets.UTF_8), true, false, false);
    if (retryable(response.status())) {
      return new Batch(null, response);
    }
    List<Bodies.InnerResponse> answers;
    try {
      answers = Bodies.batchResponses(response.body());
    } catch (Bodies.Unreadable e) {
      throw unreadable(request, response.status(), e.getMessage(), e);
    }
    Map<String, Integer> sent = new java.util.HashMap<>();
    for (int i = 0; i < requests.size(); i++) {
      sent.put(requests.get(i).id(), i);
    }
    Bodies.InnerResponse[] byRequest = new Bodies.InnerResponse[requests.size()];
    for (Bodies.InnerResponse answer : answers) {
      Integer index = sent.get(answer.id());
      if (index == null) {
        throw unreadable(
            request,
            response.status(),
            "an answer has the id " + quoted(answer.id()) + ", which no request of the batch has",
            null);
      }
      if (byRequest[index] != null) {
        throw unreadable(
            request,
            response.status(),
            "the id " + quoted(answer.id()) + " is answered twice",
            null);
      }
      byRequest[index] = answer;
    }
    for (int i = 0; i < byRequest.length; i++) {
      if (byRequest[i] == null) {
        throw unreadable(
            request,
            response.status(),
            "the request "
                + quoted(requests.get(i).id())
                + " is not answered ("
                + answers.size()
                + " answers to "
                + requests.size()
                + " requests)",
            null);
      }
    }
    return new Batch(List.of(byRequest), null);
  }

  private static String quoted(String id) {
    return "\"" + ServerText.message(id) + "\"";
  }
}
