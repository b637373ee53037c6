package dev.entente.graph;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * JSON made on the fly: a prefix, a unit repeated many times (with a separator between), a suffix;
 * hostile inputs of hundreds of megabytes without holding them.
 */
final class GeneratedJson extends InputStream {
  private final byte[] prefix;
  private final byte[] unit;
  private final byte[] separator;
  private final byte[] suffix;
  private final long count;
  private long unitsDone;
  private int part; // 0 prefix, 1 unit, 2 separator, 3 suffix, 4 end
  private int at;

  GeneratedJson(String prefix, String unit, String separator, long count, String suffix) {
    this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
    this.unit = unit.getBytes(StandardCharsets.UTF_8);
    this.separator = separator.getBytes(StandardCharsets.UTF_8);
    this.suffix = suffix.getBytes(StandardCharsets.UTF_8);
    this.count = count;
    this.part = count == 0 ? 3 : 0;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    int n = 0;
    while (n < len && part < 4) {
      byte[] current =
          switch (part) {
            case 0 -> prefix;
            case 1 -> unit;
            case 2 -> separator;
            default -> suffix;
          };
      int take = Math.min(len - n, current.length - at);
      System.arraycopy(current, at, b, off + n, take);
      n += take;
      at += take;
      if (at == current.length) {
        at = 0;
        part = next();
      }
    }
    return n == 0 && len > 0 ? -1 : n;
  }

  private int next() {
    switch (part) {
      case 0:
        return 1;
      case 1:
        unitsDone++;
        return unitsDone == count ? 3 : (separator.length == 0 ? 1 : 2);
      case 2:
        return 1;
      default:
        return 4;
    }
  }
}
