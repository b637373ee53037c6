package dev.entente.access;

import static java.util.Objects.requireNonNull;

import dev.entente.model.ConnectedOrganization;
import dev.entente.model.IdentitySource;
import org.jspecify.annotations.Nullable;

/**
 * What the requestor's key finds among the organizations (R-MAT-1, R-MAT-2), one of three: no
 * organization holds it ({@link Nobody}); one holds it through a source that admits how they signed
 * in (a {@link Membership}); or one holds it through a source that does not ({@link NotAdmitted}:
 * another issuer, or a domain held as a federation while they used a passcode). The matcher decides
 * it once; the decision and its explanation read it.
 */
sealed interface Holding permits Holding.Nobody, Membership, Holding.NotAdmitted {

  /** No organization holds the requestor's key, or the requestor has none. */
  enum Nobody implements Holding {
    /** The one value. */
    INSTANCE
  }

  /**
   * An organization holds the requestor's key through {@code source}, which does not admit how they
   * signed in: they are not its member.
   */
  record NotAdmitted(ConnectedOrganization holder, IdentitySource source) implements Holding {
    public NotAdmitted {
      requireNonNull(holder, "holder");
      requireNonNull(source, "source");
    }
  }

  /** The organization the requestor belongs to, or null. */
  static @Nullable ConnectedOrganization memberOf(Holding holding) {
    return holding instanceof Membership m ? m.organization() : null;
  }
}
