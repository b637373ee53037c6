package dev.entente.spi;

import static java.util.Objects.requireNonNull;

import dev.entente.errors.ValidationException;
import dev.entente.model.OrganizationId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Where the next page of a listing or search starts: opaque to callers, who pass back the {@link
 * #token()} they were given; readable by stores, which page by id ({@link #afterId()}), so that
 * paging neither skips nor repeats an organization, whatever is inserted meanwhile (R-MGT-1,
 * R-MGT-2).
 */
public final class PageCursor {
  private static final String PREFIX = "v1:";

  private final OrganizationId afterId;

  private PageCursor(OrganizationId afterId) {
    this.afterId = afterId;
  }

  /**
   * {@return the cursor of the page that starts after {@code id}, for stores}
   *
   * @param id the id
   */
  public static PageCursor after(OrganizationId id) {
    return new PageCursor(requireNonNull(id, "id"));
  }

  /**
   * {@return a cursor from the token a page gave}
   *
   * @param token the text of {@link #token()} as a page gave it
   * @throws ValidationException on field {@code cursor} for a token no page gave
   */
  public static PageCursor parse(String token) {
    String accepts = "a token returned as a page's next cursor";
    if (token.length() > 4 * OrganizationId.MAX_LENGTH) {
      throw new ValidationException("cursor", token, "is too long", accepts);
    }
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("cursor", token, "is not a cursor token", accepts);
    }
    if (!decoded.startsWith(PREFIX)) {
      throw new ValidationException("cursor", token, "is not a cursor token", accepts);
    }
    try {
      return new PageCursor(OrganizationId.of(decoded.substring(PREFIX.length())));
    } catch (ValidationException e) {
      throw new ValidationException("cursor", token, "is not a cursor token", accepts);
    }
  }

  /** {@return the id the next page starts after: it holds the organizations with greater ids} */
  public OrganizationId afterId() {
    return afterId;
  }

  /** {@return the opaque token to hand to callers} */
  public String token() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + afterId).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof PageCursor other && afterId.equals(other.afterId);
  }

  @Override
  public int hashCode() {
    return afterId.hashCode();
  }

  @Override
  public String toString() {
    return token();
  }
}
