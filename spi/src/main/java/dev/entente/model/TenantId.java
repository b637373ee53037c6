package dev.entente.model;

import dev.entente.errors.ValidationException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The id of a Microsoft Entra tenant: a GUID, never the nil GUID (R-SRC-1).
 *
 * <p>{@link #of(String)} accepts exactly the 36-character form {@code 8-4-4-4-12} of hexadecimal
 * digits, in either case, and nothing looser ({@link UUID#fromString} would also take {@code
 * 1-2-3-4-5}). The canonical form is lower case.
 *
 * <p>The GUID is held as two {@code long}s rather than a {@link UUID}: tenant ids are compared on
 * every access decision by a tenant's user, and one object fewer is one memory read fewer.
 */
public final class TenantId implements Comparable<TenantId> {
  private static final String FIELD = "tenantId";
  static final String ACCEPTS =
      "a GUID in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx of hexadecimal digits, not the nil"
          + " GUID 00000000-0000-0000-0000-000000000000";

  private final long mostSignificantBits;
  private final long leastSignificantBits;

  private TenantId(long mostSignificantBits, long leastSignificantBits) {
    this.mostSignificantBits = mostSignificantBits;
    this.leastSignificantBits = leastSignificantBits;
  }

  /**
   * Parses a tenant id.
   *
   * @param guid the tenant id
   * @return the tenant id
   * @throws ValidationException on field {@code tenantId} for anything but a non-nil GUID
   */
  public static TenantId of(String guid) {
    if (guid.length() > 64) {
      throw new ValidationException(FIELD, guid, "is too long", ACCEPTS);
    }
    String s = guid.strip();
    if (s.length() != 36) {
      throw new ValidationException(FIELD, guid, "is not 36 characters long", ACCEPTS);
    }
    int bad = firstNonGuidCharacter(s);
    if (bad >= 0) {
      throw new ValidationException(
          FIELD, guid, String.format("holds an unexpected character at index %d", bad), ACCEPTS);
    }
    return of(new UUID(hex(s, 0, 8, 9, 13, 14, 18), hex(s, 19, 23, 24, 36, 36, 36)));
  }

  /** The 64 bits the hexadecimal digits of {@code s} in [a, b), [c, d) and [e, f) write. */
  private static long hex(String s, int a, int b, int c, int d, int e, int f) {
    long bits = 0;
    for (int i = a; i < f; i++) {
      if ((i >= b && i < c) || (i >= d && i < e)) {
        continue;
      }
      bits = (bits << 4) | HEX[s.charAt(i)];
    }
    return bits;
  }

  /** The value of each ASCII hexadecimal digit, -1 for every other ASCII character. */
  private static final byte[] HEX = new byte[128];

  static {
    java.util.Arrays.fill(HEX, (byte) -1);
    for (int i = 0; i < 10; i++) {
      HEX['0' + i] = (byte) i;
    }
    for (int i = 0; i < 6; i++) {
      HEX['a' + i] = (byte) (10 + i);
      HEX['A' + i] = (byte) (10 + i);
    }
  }

  /**
   * The index of the first character of a 36-character string that breaks the GUID form ({@code
   * 8-4-4-4-12} hexadecimal digits), or -1 when there is none.
   */
  static int firstNonGuidCharacter(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (i == 8 || i == 13 || i == 18 || i == 23) ? c == '-' : c < 128 && HEX[c] >= 0;
      if (!ok) {
        return i;
      }
    }
    return -1;
  }

  /**
   * {@return a tenant id from a {@link UUID}}
   *
   * @param guid the tenant id
   * @throws ValidationException on field {@code tenantId} for the nil GUID
   */
  public static TenantId of(UUID guid) {
    if (guid.getMostSignificantBits() == 0 && guid.getLeastSignificantBits() == 0) {
      throw new ValidationException(FIELD, guid, "is the nil GUID", ACCEPTS);
    }
    return new TenantId(guid.getMostSignificantBits(), guid.getLeastSignificantBits());
  }

  /** {@return the GUID} */
  public UUID value() {
    return new UUID(mostSignificantBits, leastSignificantBits);
  }

  /**
   * The order of the canonical forms: fixed-width lower-case hexadecimal sorts as unsigned numbers.
   */
  @Override
  public int compareTo(TenantId other) {
    int high = Long.compareUnsigned(mostSignificantBits, other.mostSignificantBits);
    return high != 0
        ? high
        : Long.compareUnsigned(leastSignificantBits, other.leastSignificantBits);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TenantId other
        && mostSignificantBits == other.mostSignificantBits
        && leastSignificantBits == other.leastSignificantBits;
  }

  /** The hash of the equal {@link UUID}. */
  @Override
  public int hashCode() {
    long bits = mostSignificantBits ^ leastSignificantBits;
    return (int) (bits >> 32) ^ (int) bits;
  }

  /** The canonical form: 36 characters, lower case. */
  @Override
  public String toString() {
    return value().toString();
  }
}
