package dev.entente.graph;

import static java.util.Objects.requireNonNull;

import dev.entente.model.OrganizationId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One call to Microsoft Graph for the host to send: method, URL and JSON body. Graph answers a
 * create with 201, an update with 202 (200 and 204 also mean done), a sponsor {@code $ref} call and
 * a delete with 204.
 *
 * <p>A request that follows the create of a new organization in Entra cannot know the id Graph
 * gives it: its URL holds the placeholder {@value #NEW_ID} ({@link #needsGraphId()}); substitute
 * the {@code id} of the response to the create of the same {@link #organization()} ({@link
 * #createsOrganization()}) with {@link #withGraphId}.
 */
public final class GraphRequest {
  /** The placeholder, in the URL, for the id Graph gives an organization the plan creates. */
  public static final String NEW_ID = "{new-id}";

  /** HTTP methods the plan uses. */
  public enum Method {
    /** Create, or add a sponsor reference. */
    POST,
    /** Update. */
    PATCH,
    /** Remove a sponsor reference. */
    DELETE
  }

  private final Method method;
  private final String url;
  private final @Nullable String body;
  private final OrganizationId organization;
  private final boolean creates;

  GraphRequest(
      Method method,
      String url,
      @Nullable String body,
      OrganizationId organization,
      boolean creates) {
    this.method = method;
    this.url = url;
    this.body = body;
    this.organization = organization;
    this.creates = creates;
  }

  /**
   * The HTTP method.
   *
   * @return the method
   */
  public Method method() {
    return method;
  }

  /**
   * The full URL, below the {@linkplain GraphJson#serviceRoot() service root}.
   *
   * @return the URL
   */
  public String url() {
    return url;
  }

  /**
   * The JSON body, sent with {@code Content-Type: application/json}.
   *
   * @return the body, if the request has one
   */
  public Optional<String> body() {
    return Optional.ofNullable(body);
  }

  /**
   * The store's organization this request is about.
   *
   * @return the store's id of the organization
   */
  public OrganizationId organization() {
    return organization;
  }

  /**
   * Whether this is the create of {@link #organization()} in Entra, whose response holds the id
   * Graph gave it.
   *
   * @return whether this request creates the organization
   */
  public boolean createsOrganization() {
    return creates;
  }

  /**
   * Whether the URL holds {@value #NEW_ID}, to be replaced with {@link #withGraphId}.
   *
   * @return whether the request needs the id of an organization created before it
   */
  public boolean needsGraphId() {
    return url.contains(NEW_ID);
  }

  /**
   * This request with {@value #NEW_ID} replaced by the id Graph gave the created organization.
   *
   * @param graphId the {@code id} of the create's response
   * @return the request to send
   */
  public GraphRequest withGraphId(String graphId) {
    requireNonNull(graphId, "graphId");
    return new GraphRequest(method, url.replace(NEW_ID, graphId), body, organization, creates);
  }

  /**
   * The request as an HTTP trace would show it: method, URL, and body.
   *
   * @return the request in words
   */
  @Override
  public String toString() {
    return method + " " + url + (body == null ? "" : "\n" + body);
  }
}
