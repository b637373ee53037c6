package dev.entente.model;

/**
 * RFC 3492's encoder (Bootstring with Punycode's parameters), for one label already checked by UTS
 * #46: ICU decodes and validates a label, and this says which ASCII form is the canonical one, the
 * one encoding gives. Written from the RFC's §6.3 pseudocode; labels are at most 63 characters in
 * ASCII, so no step overflows an {@code int}.
 */
final class Punycode {
  private static final int BASE = 36;
  private static final int TMIN = 1;
  private static final int TMAX = 26;
  private static final int SKEW = 38;
  private static final int DAMP = 700;
  private static final int INITIAL_BIAS = 72;
  private static final int INITIAL_N = 128;

  private Punycode() {}

  /** The Punycode of {@code label}, without the {@code xn--} prefix. */
  static String encode(String label) {
    int[] input = label.codePoints().toArray();
    StringBuilder out = new StringBuilder(label.length() + 8);
    for (int c : input) {
      if (c < INITIAL_N) {
        out.append((char) c);
      }
    }
    int basic = out.length();
    int handled = basic;
    if (basic > 0) {
      out.append('-');
    }
    int n = INITIAL_N;
    int delta = 0;
    int bias = INITIAL_BIAS;
    while (handled < input.length) {
      int m = Integer.MAX_VALUE;
      for (int c : input) {
        if (c >= n && c < m) {
          m = c;
        }
      }
      delta += (m - n) * (handled + 1);
      n = m;
      for (int c : input) {
        if (c < n) {
          delta++;
        }
        if (c == n) {
          int q = delta;
          for (int k = BASE; ; k += BASE) {
            int t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
            if (q < t) {
              break;
            }
            out.append(digit(t + (q - t) % (BASE - t)));
            q = (q - t) / (BASE - t);
          }
          out.append(digit(q));
          bias = adapt(delta, handled + 1, handled == basic);
          delta = 0;
          handled++;
        }
      }
      delta++;
      n++;
    }
    return out.toString();
  }

  private static int adapt(int delta, int points, boolean first) {
    int d = first ? delta / DAMP : delta / 2;
    d += d / points;
    int k = 0;
    while (d > ((BASE - TMIN) * TMAX) / 2) {
      d /= BASE - TMIN;
      k += BASE;
    }
    return k + (BASE - TMIN + 1) * d / (d + SKEW);
  }

  private static char digit(int d) {
    return (char) (d < 26 ? 'a' + d : '0' + (d - 26));
  }
}
