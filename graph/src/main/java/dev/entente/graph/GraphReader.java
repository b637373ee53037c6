package dev.entente.graph;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.entente.ConnectedOrganizations;
import dev.entente.ImportPlan;
import dev.entente.errors.ValidationException;
import dev.entente.model.Actor;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.Sponsor;
import dev.entente.model.Version;
import java.io.CharConversionException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads connected organizations from Graph v1.0 JSON, one at a time, without holding the document
 * (R-GPH-1, R-GPH-2). Get one from {@link GraphJson#reader}. It takes:
 *
 * <ul>
 *   <li>a list response, {@code {"value": [...], "@odata.nextLink": "..."}} — {@link #nextLink()}
 *       then tells the next page to fetch;
 *   <li>several such pages concatenated in one file, as an export made by following {@code
 *       @odata.nextLink} writes them;
 *   <li>a single organization, as a get or create returns it, or a JSON array of organizations.
 * </ul>
 *
 * <p>It is tolerant where real files differ: an {@code @odata.type} with or without {@code #} or
 * namespace, in any case, the base type {@code identitySource} or none at all (the properties then
 * tell the type); unknown properties and annotations are skipped. It is strict where guessing would
 * lose data: an identity-source type Graph v1.0 does not have, a property of the wrong JSON type, a
 * duplicate key, more than {@value ConnectedOrganization#MAX_IDENTITY_SOURCES} identity sources or
 * {@value ConnectedOrganization#MAX_SPONSORS} sponsors, nesting deeper than {@value
 * GraphJson#MAX_NESTING_DEPTH} or a string longer than {@value GraphJson#MAX_STRING_LENGTH}
 * characters are each a {@link GraphFormatException} naming the JSON pointer. Time and memory stay
 * in proportion to one organization, whatever the input.
 *
 * <p>{@link #next()} throws the {@link GraphFormatException} of an organization it cannot read;
 * when the exception is {@linkplain GraphFormatException#recoverable() recoverable}, the reader has
 * skipped that organization and {@link #hasNext()} goes on with the next one. Not thread-safe.
 */
public final class GraphReader implements Iterator<GraphOrganization>, Closeable {
  private enum Where {
    BETWEEN_DOCUMENTS,
    IN_PAGE,
    IN_VALUE_ARRAY,
    IN_ROOT_ARRAY,
    DONE
  }

  private final GraphMapping mapping;
  private final String serviceRoot;
  private final @Nullable Executor executor;
  private final JsonParser parser;
  private Where where = Where.BETWEEN_DOCUMENTS;
  private @Nullable GraphOrganization pending;
  private @Nullable GraphFormatException pendingError;
  private @Nullable String nextLink;

  /**
   * Whether the input must be one page, as Graph answers a list request: one object with a {@code
   * value} array and at most a next link, nothing before or after it (R-ENT-4).
   */
  private boolean onePage;

  /** How many root values (pages, organizations, arrays) the reader has begun. */
  private int documents;

  /** Whether the page being read has had its {@code value}, and its next link. */
  private boolean pageValueSeen;

  private boolean pageNextLinkSeen;

  /** The index of the next element of the array being walked. */
  private int element;

  GraphReader(
      GraphMapping mapping, String serviceRoot, @Nullable Executor executor, JsonParser parser) {
    this.mapping = mapping;
    this.serviceRoot = serviceRoot;
    this.executor = executor;
    this.parser = parser;
  }

  /** A reader of input whose encoding cannot even be detected: it has just that error to tell. */
  GraphReader(
      GraphMapping mapping,
      String serviceRoot,
      @Nullable Executor executor,
      JsonParser empty,
      CharConversionException e) {
    this(mapping, serviceRoot, executor, empty);
    this.pendingError = undecodable(e);
    this.where = Where.DONE;
  }

  @Override
  public boolean hasNext() {
    if (pending == null && pendingError == null && where != Where.DONE) {
      try {
        pending = advance();
      } catch (GraphFormatException e) {
        pendingError = e;
        if (!e.recoverable()) {
          where = Where.DONE;
        }
      }
    }
    return pending != null || pendingError != null;
  }

  /**
   * {@return the next organization}
   *
   * @throws GraphFormatException when it cannot be read; see {@link
   *     GraphFormatException#recoverable()}
   * @throws NoSuchElementException when there is none
   */
  @Override
  public GraphOrganization next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no organization left in the document");
    }
    GraphFormatException error = pendingError;
    if (error != null) {
      pendingError = null;
      throw error;
    }
    GraphOrganization org = pending;
    pending = null;
    return java.util.Objects.requireNonNull(org);
  }

  /** How this reader maps to the model: the cloud of the host's tenant, the importer. */
  GraphMapping mapping() {
    return mapping;
  }

  /** The service root its next links must be on. */
  String serviceRoot() {
    return serviceRoot;
  }

  /**
   * Reads every remaining organization, as {@link #forEachOrganization} does, and plans importing
   * them into the store behind {@code organizations} (R-GPH-3): each keyed by its Graph id, found
   * by its JSON pointer, its sponsor lists compared only when the export carries them ({@code
   * $expand=internalSponsors,externalSponsors}); each entry that cannot be read or mapped is listed
   * invalid with its {@link GraphFormatException}. Writes nothing.
   *
   * <pre>{@code
   * ImportPlan plan;
   * try (GraphReader export = graph.reader(Files.newInputStream(file))) {
   *   plan = export.planImport(entente.organizations());
   * }
   * System.out.print(plan);          // the dry run
   * ImportReport report = plan.apply(); // through the management service
   * }</pre>
   *
   * @param organizations the management service of the store
   * @return the plan
   */
  public ImportPlan planImport(ConnectedOrganizations organizations) {
    ImportPlan.Builder plan = ImportPlan.builder(organizations);
    forEachOrganization(
        (read, org) -> plan.add(read.pointer(), org, carried(read)),
        problem -> plan.invalid(problem.pointer(), problem));
    return plan.build();
  }

  private static ImportPlan.Sponsors carried(GraphOrganization read) {
    boolean internal = read.internalSponsors().isPresent();
    boolean external = read.externalSponsors().isPresent();
    return internal && external
        ? ImportPlan.Sponsors.BOTH
        : internal
            ? ImportPlan.Sponsors.INTERNAL
            : external ? ImportPlan.Sponsors.EXTERNAL : ImportPlan.Sponsors.NONE;
  }

  /** Organizations mapped in one task of {@link #forEachOrganization}. */
  private static final int BATCH = 256;

  /**
   * Reads every remaining organization and maps it to the model with the {@link GraphJson} that
   * made this reader, handing each to {@code organizations} — or its problem to {@code problems} —
   * in document order, on the calling thread. Reading stays on the calling thread; the mapping to
   * the model (domain names through UTS #46, URIs, ids, times) runs in batches beside it — on the
   * executor of {@link GraphJson#withExecutor}, or the common fork-join pool — at most a few
   * batches ahead, so that an import of a large export uses a second core and holds only those
   * batches. When the mapping falls behind, the calling thread maps the batches no worker has
   * started, so a busy or small pool slows an import down but never stalls it, and an executor that
   * rejects work is no error.
   *
   * @param organizations takes each organization as read and as mapped
   * @param problems takes each organization that cannot be read or mapped, then, if the document is
   *     broken, its last problem
   */
  public void forEachOrganization(
      BiConsumer<? super GraphOrganization, ? super ConnectedOrganization> organizations,
      Consumer<? super GraphFormatException> problems) {
    java.util.Objects.requireNonNull(organizations, "organizations");
    java.util.Objects.requireNonNull(problems, "problems");
    int ahead =
        (executor == null
                ? ForkJoinPool.getCommonPoolParallelism()
                : Runtime.getRuntime().availableProcessors())
            + 2;
    Deque<FutureTask<List<Mapped>>> inFlight = new ArrayDeque<>();
    List<Object> batch = new ArrayList<>(BATCH);
    while (hasNext()) {
      try {
        batch.add(next());
      } catch (GraphFormatException e) {
        batch.add(e);
      }
      if (batch.size() == BATCH) {
        inFlight.add(map(batch));
        batch = new ArrayList<>(BATCH);
        while (inFlight.size() > ahead) {
          deliver(inFlight, organizations, problems);
        }
      }
    }
    inFlight.add(map(batch));
    while (!inFlight.isEmpty()) {
      deliver(inFlight, organizations, problems);
    }
  }

  /** One entry of a batch: the organization read and mapped, or its problem. */
  private record Mapped(
      @Nullable GraphOrganization read,
      @Nullable ConnectedOrganization org,
      @Nullable GraphFormatException problem) {}

  /**
   * A batch to map, handed to the executor; whichever thread runs it first maps it (a {@link
   * FutureTask} runs once), so the reading thread can take a batch no worker has started.
   */
  private FutureTask<List<Mapped>> map(List<Object> batch) {
    FutureTask<List<Mapped>> task =
        new FutureTask<>(
            () -> {
              List<Mapped> mapped = new ArrayList<>(batch.size());
              for (Object entry : batch) {
                if (entry instanceof GraphOrganization read) {
                  try {
                    mapped.add(new Mapped(read, mapping.toOrganization(read), null));
                  } catch (GraphFormatException e) {
                    mapped.add(new Mapped(read, null, e));
                  }
                } else {
                  mapped.add(new Mapped(null, null, (GraphFormatException) entry));
                }
              }
              return mapped;
            });
    Executor pool =
        executor != null
            ? executor
            : ForkJoinPool.getCommonPoolParallelism() > 1
                    || Runtime.getRuntime().availableProcessors() > 1
                ? ForkJoinPool.commonPool()
                : null;
    if (pool != null) {
      try {
        pool.execute(task);
      } catch (RejectedExecutionException e) {
        // The reading thread maps it when it is delivered.
      }
    }
    return task;
  }

  /**
   * Delivers the oldest batch in document order. While a worker still maps it, the reading thread
   * maps the batches no worker has started, from the oldest: on a busy or small pool both threads
   * map, instead of one waiting for the other.
   */
  private static void deliver(
      Deque<FutureTask<List<Mapped>>> inFlight,
      BiConsumer<? super GraphOrganization, ? super ConnectedOrganization> organizations,
      Consumer<? super GraphFormatException> problems) {
    FutureTask<List<Mapped>> head = inFlight.remove();
    head.run(); // maps it here unless a worker has started it
    for (FutureTask<List<Mapped>> later : inFlight) {
      if (head.isDone()) {
        break;
      }
      later.run();
    }
    for (Mapped m : done(head)) {
      if (m.problem() != null) {
        problems.accept(m.problem());
      } else {
        organizations.accept(
            java.util.Objects.requireNonNull(m.read()), java.util.Objects.requireNonNull(m.org()));
      }
    }
  }

  /** The batch's result, waiting for the worker that maps it; an interrupt is kept, not thrown. */
  private static List<Mapped> done(FutureTask<List<Mapped>> batch) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return batch.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Makes this reader take one page only: the connection's reading of a list answer. */
  GraphReader onePage() {
    this.onePage = true;
    return this;
  }

  /**
   * The {@code @odata.nextLink} of the last page read, to fetch next unchanged; empty when that
   * page was the last, or the document is not a page.
   *
   * @return the next page's URL, if any
   */
  public Optional<String> nextLink() {
    return Optional.ofNullable(nextLink);
  }

  /** Closes the parser and the input it reads. */
  @Override
  public void close() {
    where = Where.DONE;
    try {
      parser.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private @Nullable GraphOrganization advance() {
    return guarded(this::walk);
  }

  /** Something that reads with the parser, which throws what Jackson throws. */
  private interface Reading<T> {
    @Nullable T read() throws IOException;
  }

  /**
   * {@code reading}'s result; Jackson's errors become non-recoverable {@link
   * GraphFormatException}s.
   */
  private <T> @Nullable T guarded(Reading<T> reading) {
    try {
      return reading.read();
    } catch (StreamConstraintsException e) {
      throw brokenBy(e, "is past the reader's limits", GraphJson.LIMITS);
    } catch (JsonProcessingException e) {
      if (!(e instanceof JsonEOFException)
          && !String.valueOf(e.getOriginalMessage()).startsWith("Unexpected end-of-input")) {
        throw brokenBy(e, "is not well-formed JSON: " + e.getOriginalMessage(), "well-formed JSON");
      }
      // The end of the input, not the last value read, is what is wrong: the file is cut short.
      String pointer = pointer();
      var location = e.getLocation();
      throw new GraphFormatException(
          pointer,
          new ValidationException(
              pointer,
              "",
              "the document ends here, before its JSON is complete (the file is cut short)",
              "complete JSON"),
          location == null ? line() : location.getLineNr(),
          location == null ? column() : location.getColumnNr(),
          false,
          e);
    } catch (CharConversionException e) {
      throw undecodable(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a document that is one identity-source object, as the pages on the identity-source types
   * print them.
   */
  GraphIdentitySource identitySourceDocument() {
    GraphFormatException error = pendingError;
    if (error != null) {
      throw error;
    }
    GraphIdentitySource read =
        guarded(
            () -> {
              if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw broken("is not a JSON object", "one identity-source object");
              }
              GraphIdentitySource source;
              try {
                source = identitySource();
              } catch (Refusal r) {
                throw r.error;
              }
              if (parser.nextToken() != null) {
                throw broken("follows the identity source", "one identity-source object");
              }
              return source;
            });
    return java.util.Objects.requireNonNull(read);
  }

  /**
   * Reads a document that is one page of directory objects, as Graph lists an organization's
   * sponsors: {@code {"value": [users and groups], "@odata.nextLink": "..."}}.
   */
  GraphJson.Page<Sponsor> sponsorPageDocument() {
    return pageDocument("a page of directory objects", this::sponsors);
  }

  /**
   * Reads a document that is one page of the directory audit log: {@code {"value": [entries],
   * "@odata.nextLink": "..."}}.
   */
  GraphJson.Page<GraphAuditEntry> auditPageDocument() {
    return pageDocument("a page of directory audit entries", this::auditEntries);
  }

  /**
   * Reads a document that is one page of the host's SAML/WS-Fed federation configurations: {@code
   * {"value": [federations], "@odata.nextLink": "..."}}.
   */
  GraphJson.Page<GraphFederation> federationPageDocument() {
    return pageDocument("a page of federation configurations", this::federations);
  }

  /**
   * The one page a document holds: an object whose array of values {@code values} reads, and its
   * annotations (other properties are skipped); a duplicate key, no array of values, or anything
   * after the page ends the document with an error.
   */
  private <T> GraphJson.Page<T> pageDocument(String what, Reading<List<T>> values) {
    GraphFormatException error = pendingError;
    if (error != null) {
      throw error;
    }
    GraphJson.Page<T> read =
        guarded(
            () -> {
              if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw broken("is not a JSON object", what);
              }
              List<T> found = List.of();
              while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (name.equals("value")) {
                  if (pageValueSeen) {
                    throw broken("is a duplicate key of the page", "each property once in a page");
                  }
                  pageValueSeen = true;
                  parser.nextToken();
                  try {
                    List<T> value = values.read();
                    found = value == null ? List.of() : value;
                  } catch (Refusal r) {
                    throw r.error;
                  }
                } else {
                  pageField();
                }
              }
              if (!pageValueSeen) {
                throw broken("is a page without a value array", what);
              }
              if (parser.nextToken() != null) {
                throw broken("follows the page", "one page, and nothing after it");
              }
              return new GraphJson.Page<>(found, Optional.ofNullable(nextLink));
            });
    return java.util.Objects.requireNonNull(read);
  }

  private @Nullable GraphOrganization walk() throws IOException {
    while (true) {
      switch (where) {
        case BETWEEN_DOCUMENTS -> {
          JsonToken t = parser.nextToken();
          if (onePage && documents == 0 && t == null) {
            throw broken("is empty", "one page: {\"value\": [...]}");
          }
          if (onePage && documents > 0 && t != null) {
            throw broken("follows the page", "one page, and nothing after it");
          }
          if (t == null) {
            where = Where.DONE;
            return null;
          }
          if (onePage && t != JsonToken.START_OBJECT) {
            throw broken("is not a page", "one page: {\"value\": [...]}");
          }
          documents++;
          nextLink = null;
          pageValueSeen = false;
          pageNextLinkSeen = false;
          if (t == JsonToken.START_ARRAY) {
            where = Where.IN_ROOT_ARRAY;
            element = 0;
          } else if (t == JsonToken.START_OBJECT) {
            GraphOrganization org = rootObject();
            if (org != null) {
              return org;
            }
          } else {
            throw broken("is not a JSON object or array", "a page, an organization or an array");
          }
        }
        case IN_PAGE -> {
          JsonToken t = parser.nextToken();
          if (t == JsonToken.END_OBJECT) {
            where = Where.BETWEEN_DOCUMENTS;
          } else if (onePage && !isPageProperty(parser.currentName())) {
            throw broken("is not a property of a page", "value and @odata annotations");
          } else {
            pageField();
          }
        }
        case IN_VALUE_ARRAY, IN_ROOT_ARRAY -> {
          JsonToken t = parser.nextToken();
          if (t == JsonToken.END_ARRAY) {
            where = where == Where.IN_VALUE_ARRAY ? Where.IN_PAGE : Where.BETWEEN_DOCUMENTS;
          } else if (t == JsonToken.START_OBJECT) {
            String pointer = (where == Where.IN_VALUE_ARRAY ? "/value/" : "/") + element++;
            return organization(pointer, parser.nextToken());
          } else {
            element++;
            String pointer = pointer();
            Object value = valueText();
            parser.skipChildren();
            throw new GraphFormatException(
                pointer,
                new ValidationException(
                    pointer, value, "is not a JSON object", "a connectedOrganization object"),
                line(),
                column(),
                true,
                null);
          }
        }
        default -> {
          return null;
        }
      }
    }
  }

  /**
   * A root object: a page, whose {@code value} the reader then walks, or an organization, which it
   * reads whole. Returns the organization, or null for a page.
   */
  private @Nullable GraphOrganization rootObject() throws IOException {
    JsonToken t = parser.nextToken();
    while (t == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      if (name.equals("value")) {
        pageValueSeen = true;
        if (parser.nextToken() == JsonToken.START_ARRAY) {
          where = Where.IN_VALUE_ARRAY;
          element = 0;
          return null;
        }
        if (onePage) {
          throw broken("is not an array", "the page's value: an array of organizations");
        }
        parser.skipChildren();
      } else if (isPageAnnotation(name)) {
        pageField();
      } else if (onePage) {
        throw broken("is not a property of a page", "value and @odata annotations");
      } else {
        return organization("", t);
      }
      t = parser.nextToken();
    }
    if (onePage) {
      throw broken("is a page without a value array", "one page: {\"value\": [...]}");
    }
    return null; // {} or a page of metadata alone: nothing to read
  }

  private static boolean isPageProperty(String name) {
    return name.equals("value") || isPageAnnotation(name);
  }

  private static boolean isPageAnnotation(String name) {
    return name.startsWith("@odata.") && !name.equals("@odata.type");
  }

  /**
   * A property of a page: the next link is kept once checked, a {@code value} after the first
   * refused like every duplicate key (its organizations would be read twice), the rest skipped.
   */
  private void pageField() throws IOException {
    String name = parser.currentName();
    boolean value = name.equals("value");
    boolean link = name.equals("@odata.nextLink");
    if ((value && pageValueSeen) || (link && pageNextLinkSeen)) {
      throw broken("is a duplicate key of the page", "each property once in a page");
    }
    pageValueSeen |= value;
    pageNextLinkSeen |= link;
    JsonToken t = parser.nextToken();
    if (link && t == JsonToken.VALUE_STRING) {
      nextLink = checkedNextLink(parser.getText());
    } else if (link && t != JsonToken.VALUE_NULL) {
      throw broken("is not a URL", "the next page's URL, a string");
    } else if (value && onePage && t != JsonToken.START_ARRAY) {
      throw broken("is not an array", "the page's value: an array");
    } else if (value && t == JsonToken.START_ARRAY) {
      where = Where.IN_VALUE_ARRAY;
      element = 0;
    } else {
      parser.skipChildren();
    }
  }

  // ----- one organization -----

  /** A problem inside one organization; the reader skips the rest of it and reads on. */
  private static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient GraphFormatException error;

    Refusal(GraphFormatException error) {
      super(null, null, false, false);
      this.error = error;
    }
  }

  /**
   * Reads an organization whose first property's token is {@code t} (or its END_OBJECT), the parser
   * being inside its object.
   */
  private GraphOrganization organization(String pointer, @Nullable JsonToken t) throws IOException {
    int depth = parser.getParsingContext().getNestingDepth();
    try {
      GraphOrganization.Builder org = GraphOrganization.builder().pointer(pointer);
      int seen = 0;
      while (t == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        int bit = organizationField(org, name);
        if (bit >= 0) {
          seen = once(seen, bit, name);
        }
        t = parser.nextToken();
      }
      if (t != JsonToken.END_OBJECT) {
        throw broken("ends the document inside an organization", "a complete JSON object");
      }
      return org.build();
    } catch (Refusal r) {
      skipOut(depth);
      throw r.error;
    }
  }

  /**
   * Reads the value of property {@code name} into {@code org}, skipping properties it does not take
   * (R-GPH-2); returns the property's bit for duplicate detection, or -1 for one skipped.
   */
  private int organizationField(GraphOrganization.Builder org, String name) throws IOException {
    parser.nextToken();
    switch (name) {
      case "id" -> {
        String idValue = string();
        if (idValue != null) {
          org.id(idValue);
        }
        return 0;
      }
      case "displayName" -> {
        String displayNameValue = string();
        if (displayNameValue != null) {
          org.displayName(displayNameValue);
        }
        return 1;
      }
      case "description" -> {
        String descriptionValue = string();
        if (descriptionValue != null) {
          org.description(descriptionValue);
        }
        return 2;
      }
      case "state" -> {
        String stateValue = string();
        if (stateValue != null) {
          org.state(stateValue);
        }
        return 3;
      }
      case "createdDateTime" -> {
        String createdDateTimeValue = string();
        if (createdDateTimeValue != null) {
          org.createdDateTime(createdDateTimeValue);
        }
        return 4;
      }
      case "modifiedDateTime" -> {
        String modifiedDateTimeValue = string();
        if (modifiedDateTimeValue != null) {
          org.modifiedDateTime(modifiedDateTimeValue);
        }
        return 5;
      }
      case "identitySources" -> {
        org.identitySources(identitySources());
        return 6;
      }
      case "internalSponsors" -> {
        org.internalSponsors(Optional.ofNullable(sponsors()));
        return 7;
      }
      case "externalSponsors" -> {
        org.externalSponsors(Optional.ofNullable(sponsors()));
        return 8;
      }
      case "@entente.version" -> {
        org.version(Optional.ofNullable(version()));
        return 9;
      }
      case "@entente.createdBy" -> {
        org.createdBy(Optional.ofNullable(actor()));
        return 10;
      }
      case "@entente.modifiedBy" -> {
        org.modifiedBy(Optional.ofNullable(actor()));
        return 11;
      }
      default -> {
        parser.skipChildren(); // unknown properties and annotations (R-GPH-2)
        return -1;
      }
    }
  }

  private List<GraphIdentitySource> identitySources() throws IOException {
    List<GraphIdentitySource> sources = new ArrayList<>();
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return sources;
    }
    expect(JsonToken.START_ARRAY, "an array of identity sources");
    JsonToken t;
    while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (sources.size() == ConnectedOrganization.MAX_IDENTITY_SOURCES) {
        throw refusal(
            "is one identity source too many",
            "at most " + ConnectedOrganization.MAX_IDENTITY_SOURCES + " identity sources");
      }
      if (t != JsonToken.START_OBJECT) {
        throw refusal("is not a JSON object", "an identity source object");
      }
      sources.add(identitySource());
    }
    return sources;
  }

  private GraphIdentitySource identitySource() throws IOException {
    GraphIdentitySource.Builder source = GraphIdentitySource.builder();
    @Nullable String odataType = null;
    int seen = 0;
    int present = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      int bit = SOURCE_PROPERTIES.indexOf(name);
      if (bit >= 0) {
        seen = once(seen, bit, name);
        String value = string();
        if (bit == 0) {
          odataType = value;
        } else if (value != null) {
          source.property(name, value);
          present |= 1 << bit;
        }
      } else {
        parser.skipChildren();
      }
    }
    return source.type(type(odataType, present)).build();
  }

  /** The properties of an identity source the reader takes; {@code @odata.type} first. */
  private static final List<String> SOURCE_PROPERTIES =
      List.of(
          "@odata.type",
          "displayName",
          "tenantId",
          "cloudInstance",
          "domainName",
          "issuerUri",
          "socialIdentitySourceType",
          "@entente.accountProvider");

  private static boolean has(int present, String property) {
    return (present & (1 << SOURCE_PROPERTIES.indexOf(property))) != 0;
  }

  /** Marks property {@code bit} as seen in this object, refusing it when seen already. */
  private int once(int seen, int bit, String name) {
    if ((seen & (1 << bit)) != 0) {
      throw refusal(pointer(), name, "is a duplicate key", "each property once in an object");
    }
    return seen | (1 << bit);
  }

  /**
   * The type {@code odataType} names, or, with no subtype named, the one that the properties only
   * that type has tell; the parser is at the end of the source's object.
   */
  private GraphIdentitySource.Type type(@Nullable String odataType, int present) {
    if (odataType != null) {
      Optional<GraphIdentitySource.Type> type = GraphIdentitySource.Type.ofODataType(odataType);
      if (type.isPresent()) {
        return type.get();
      }
      if (!GraphIdentitySource.Type.isBaseType(odataType)) {
        throw refusal(
            pointer() + "/@odata.type",
            odataType,
            "is not an identity-source type of Graph v1.0",
            "#microsoft.graph. followed by azureActiveDirectoryTenant,"
                + " crossCloudAzureActiveDirectoryTenant, domainIdentitySource,"
                + " externalDomainFederation or socialIdentitySource");
      }
    }
    if (has(present, "cloudInstance")) {
      return GraphIdentitySource.Type.CROSS_CLOUD_AZURE_ACTIVE_DIRECTORY_TENANT;
    } else if (has(present, "issuerUri")) {
      return GraphIdentitySource.Type.EXTERNAL_DOMAIN_FEDERATION;
    } else if (has(present, "socialIdentitySourceType")
        || has(present, "@entente.accountProvider")) {
      return GraphIdentitySource.Type.SOCIAL_IDENTITY_SOURCE;
    } else if (has(present, "tenantId")) {
      return GraphIdentitySource.Type.AZURE_ACTIVE_DIRECTORY_TENANT;
    } else if (has(present, "domainName")) {
      return GraphIdentitySource.Type.DOMAIN_IDENTITY_SOURCE;
    }
    throw refusal(
        pointer(),
        odataType == null ? "no @odata.type" : odataType,
        "does not say which identity source this is, nor do its properties",
        "an @odata.type, or a tenantId, domainName, issuerUri, cloudInstance or"
            + " socialIdentitySourceType property");
  }

  private @Nullable List<Sponsor> sponsors() throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    expect(JsonToken.START_ARRAY, "an array of directory objects");
    List<Sponsor> sponsors = new ArrayList<>();
    JsonToken t;
    while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (sponsors.size() == ConnectedOrganization.MAX_SPONSORS) {
        throw refusal(
            "is one sponsor too many",
            "at most " + ConnectedOrganization.MAX_SPONSORS + " sponsors");
      }
      if (t != JsonToken.START_OBJECT) {
        throw refusal("is not a JSON object", "a user or group directory object");
      }
      sponsors.add(sponsor());
    }
    return sponsors;
  }

  private Sponsor sponsor() throws IOException {
    Sponsor.Kind kind = Sponsor.Kind.USER;
    @Nullable String id = null;
    @Nullable String displayName = null;
    int seen = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      switch (name) {
        case "@odata.type" -> {
          seen = once(seen, 0, name);
          kind = sponsorKind();
        }
        case "id" -> {
          seen = once(seen, 1, name);
          id = string();
        }
        case "displayName" -> {
          seen = once(seen, 2, name);
          displayName = string();
        }
        default -> parser.skipChildren();
      }
    }
    // At the end of the sponsor's object: the pointer is the sponsor's.
    if (id == null) {
      throw refusal(pointer(), "no id", "has no id", "a directory object with its id");
    }
    try {
      return Sponsor.builder()
          .kind(kind)
          .id(id)
          .displayName(Optional.ofNullable(displayName))
          .build();
    } catch (ValidationException e) {
      throw new Refusal(GraphFormatException.refused(pointer() + "/" + e.field(), e));
    }
  }

  private Sponsor.Kind sponsorKind() throws IOException {
    String type = string();
    if ("#microsoft.graph.user".equals(type)) {
      return Sponsor.Kind.USER;
    }
    if ("#microsoft.graph.group".equals(type)) {
      return Sponsor.Kind.GROUP;
    }
    String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
    if (lower.endsWith("microsoft.graph.group")) {
      return Sponsor.Kind.GROUP;
    }
    if (type == null
        || lower.endsWith("microsoft.graph.user")
        || lower.endsWith("microsoft.graph.directoryobject")) {
      return Sponsor.Kind.USER;
    }
    throw refusal(
        "is not a kind of sponsor",
        "#microsoft.graph.user or #microsoft.graph.group (#microsoft.graph.directoryObject reads"
            + " as a user)");
  }

  private @Nullable List<GraphAuditEntry> auditEntries() throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    expect(JsonToken.START_ARRAY, "an array of directory audit entries");
    List<GraphAuditEntry> entries = new ArrayList<>();
    JsonToken t;
    while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        throw refusal("is not a JSON object", "a directoryAudit object");
      }
      entries.add(auditEntry());
    }
    return entries;
  }

  private GraphAuditEntry auditEntry() throws IOException {
    @Nullable String id = null;
    @Nullable String activity = null;
    java.time.@Nullable Instant at = null;
    List<GraphAuditEntry.Target> targets = List.of();
    int seen = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      switch (name) {
        case "id" -> {
          seen = once(seen, 0, name);
          id = string();
        }
        case "activityDisplayName" -> {
          seen = once(seen, 1, name);
          activity = string();
        }
        case "activityDateTime" -> {
          seen = once(seen, 2, name);
          at = instant();
        }
        case "targetResources" -> {
          seen = once(seen, 3, name);
          targets = targets();
        }
        default -> parser.skipChildren();
      }
    }
    // At the end of the entry's object: the pointer is the entry's.
    if (id == null || activity == null || at == null) {
      throw refusal(
          pointer(),
          "{…}",
          "has no "
              + (id == null ? "id" : activity == null ? "activityDisplayName" : "activityDateTime"),
          "a directoryAudit with its id, activityDisplayName and activityDateTime");
    }
    return new GraphAuditEntry(id, activity, at, targets);
  }

  private List<GraphAuditEntry.Target> targets() throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return List.of();
    }
    expect(JsonToken.START_ARRAY, "an array of target resources");
    List<GraphAuditEntry.Target> targets = new ArrayList<>();
    JsonToken t;
    while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        throw refusal("is not a JSON object", "a targetResource object");
      }
      @Nullable String id = null;
      @Nullable String type = null;
      int seen = 0;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        if (name.equals("id")) {
          seen = once(seen, 0, name);
          id = string();
        } else if (name.equalsIgnoreCase("type")) {
          // The documentation's own examples write it "type" and "Type".
          seen = once(seen, 1, name);
          type = string();
        } else {
          parser.skipChildren();
        }
      }
      if (id != null) {
        targets.add(new GraphAuditEntry.Target(id, Optional.ofNullable(type)));
      }
    }
    return targets;
  }

  /**
   * The federations of a page; one without an issuer is left out (nothing to match it by), and a
   * domain that is not an object with a string id is skipped, as properties Entente does not read
   * are.
   */
  private @Nullable List<GraphFederation> federations() throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    expect(JsonToken.START_ARRAY, "an array of federation configurations");
    List<GraphFederation> federations = new ArrayList<>();
    JsonToken t;
    while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        throw refusal("is not a JSON object", "a samlOrWsFedExternalDomainFederation object");
      }
      @Nullable String displayName = null;
      @Nullable String issuer = null;
      List<String> domains = new ArrayList<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken v = parser.nextToken();
        if (name.equals("displayName") && v == JsonToken.VALUE_STRING) {
          displayName = parser.getText();
        } else if (name.equals("issuerUri") && v == JsonToken.VALUE_STRING) {
          issuer = parser.getText();
        } else if (name.equals("domains") && v == JsonToken.START_ARRAY) {
          while ((v = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (v != JsonToken.START_OBJECT) {
              parser.skipChildren();
              continue;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              String field = parser.currentName();
              JsonToken w = parser.nextToken();
              if (field.equals("id") && w == JsonToken.VALUE_STRING) {
                domains.add(parser.getText());
              } else {
                parser.skipChildren();
              }
            }
          }
        } else {
          parser.skipChildren();
        }
      }
      if (issuer != null) {
        federations.add(
            new GraphFederation(displayName == null ? issuer : displayName, issuer, domains));
      }
    }
    return federations;
  }

  private java.time.@Nullable Instant instant() throws IOException {
    String text = string();
    if (text == null) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw refusal(
          "is not a date and time",
          "an ISO-8601 date and time, such as 2026-01-09T21:20:02.7215374Z");
    }
  }

  // ----- values -----

  private @Nullable String string() throws IOException {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    throw refusal("is not a JSON string", "a JSON string");
  }

  private @Nullable Version version() throws IOException {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_NUMBER_INT
        || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw refusal("is not a whole number", "a version, a whole number from 1 up");
    }
    try {
      return Version.of(parser.getLongValue());
    } catch (ValidationException e) {
      throw new Refusal(GraphFormatException.refused(pointer(), e));
    }
  }

  private @Nullable Actor actor() throws IOException {
    String text = string();
    if (text == null) {
      return null;
    }
    try {
      return GraphMapping.actor(text);
    } catch (ValidationException e) {
      throw new Refusal(GraphFormatException.refused(pointer(), e));
    }
  }

  private void expect(JsonToken token, String accepted) {
    if (parser.currentToken() != token) {
      throw refusal("is not " + accepted, accepted);
    }
  }

  // ----- errors and positions -----

  private Refusal refusal(String problem, String accepted) {
    String pointer = pointer();
    return refusal(pointer, valueText(), problem, accepted);
  }

  private Refusal refusal(String pointer, Object value, String problem, String accepted) {
    return new Refusal(
        new GraphFormatException(
            pointer,
            new ValidationException(pointer, value, problem, accepted),
            line(),
            column(),
            true,
            null));
  }

  /** The current value as the error shows it: text for scalars, a short form for structures. */
  private Object valueText() {
    JsonToken t = parser.currentToken();
    if (t == null) {
      return "end of input";
    }
    if (t == JsonToken.START_OBJECT) {
      return "{…}";
    }
    if (t == JsonToken.START_ARRAY) {
      return "[…]";
    }
    try {
      String text = parser.getText();
      return text == null ? t : text;
    } catch (IOException e) {
      return t;
    }
  }

  /** Skips to the end of the object whose contents are at nesting depth {@code depth}. */
  private void skipOut(int depth) throws IOException {
    JsonToken t = parser.currentToken();
    if (t != null && t.isStructStart() && parser.getParsingContext().getNestingDepth() > depth) {
      parser.skipChildren();
    }
    while (parser.getParsingContext().getNestingDepth() >= depth) {
      t = parser.nextToken();
      if (t == null) {
        throw broken("ends the document inside an organization", "a complete JSON object");
      }
      if (t.isStructStart()) {
        parser.skipChildren();
      }
    }
  }

  /**
   * {@code link}, when it is on the configured service root — the same scheme, host and port, below
   * its path, no user info — so that a host following it never sends its token elsewhere; a typed
   * error otherwise, which ends the document.
   */
  private String checkedNextLink(String link) {
    if (!GraphJson.isBelow(serviceRoot, link)) {
      throw broken(
          "is not a link on the service root " + serviceRoot,
          "a next link below " + serviceRoot + ", as Graph writes it");
    }
    return link;
  }

  private GraphFormatException broken(String problem, String accepted) {
    String pointer = pointer();
    return new GraphFormatException(
        pointer,
        new ValidationException(pointer, valueText(), problem, accepted),
        line(),
        column(),
        false,
        null);
  }

  private GraphFormatException brokenBy(
      JsonProcessingException e, String problem, String accepted) {
    String pointer = pointer();
    var location = e.getLocation();
    return new GraphFormatException(
        pointer,
        new ValidationException(pointer, valueText(), problem, accepted),
        location == null ? line() : location.getLineNr(),
        location == null ? column() : location.getColumnNr(),
        false,
        e);
  }

  /** Bytes that are not text in the encoding Jackson detected (UTF-8, UTF-16 or UTF-32). */
  private GraphFormatException undecodable(CharConversionException e) {
    String pointer = pointer();
    return new GraphFormatException(
        pointer,
        new ValidationException(
            pointer, String.valueOf(e.getMessage()), "is not Unicode text", "JSON in UTF-8"),
        line(),
        column(),
        false,
        e);
  }

  private String pointer() {
    return parser.getParsingContext().pathAsPointer().toString();
  }

  private long line() {
    return parser.currentLocation().getLineNr();
  }

  private long column() {
    return parser.currentLocation().getColumnNr();
  }
}
