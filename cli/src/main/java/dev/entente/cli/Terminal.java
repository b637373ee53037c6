package dev.entente.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What the command knows of where it writes: colour only on a terminal (and not when {@code
 * NO_COLOR} is set); progress of long work on stderr — a bar on a terminal, and when stderr is a
 * pipe or a file, a line at most every few seconds, so that a redirected run is not silent for
 * minutes and a short one prints nothing — and none with {@code --quiet}.
 */
final class Terminal {
  /**
   * Seconds between two lines of progress when stderr is not a terminal: 5, or the system property
   * {@code entente.progress.seconds} (the tests set 0).
   */
  private static final long LINE_EVERY_NANOS =
      TimeUnit.SECONDS.toNanos(Long.getLong("entente.progress.seconds", 5));

  private final boolean interactive;
  private final boolean colour;
  private final boolean quiet;
  private final PrintStream err;

  private Terminal(boolean interactive, boolean colour, boolean quiet, PrintStream err) {
    this.interactive = interactive;
    this.colour = colour;
    this.quiet = quiet;
    this.err = err;
  }

  /**
   * {@return {@code count} and the noun, plural unless the count is one: "1 finding", "2 findings",
   * "0 organizations", "1 new entry", "9 new entries"}
   *
   * @param count how many
   * @param noun the noun, singular; its plural adds "s", or "ies" in place of a "y" after a
   *     consonant
   */
  static String count(long count, String noun) {
    return count + " " + (count == 1 ? noun : plural(noun));
  }

  /**
   * {@return the plural of {@code noun}: "s" added, or "ies" in place of a "y" after a consonant}
   */
  static String plural(String noun) {
    boolean consonantY =
        noun.length() > 1
            && noun.endsWith("y")
            && "aeiou".indexOf(noun.charAt(noun.length() - 2)) < 0;
    return consonantY ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
  }

  static Terminal detect(PrintStream err, boolean quiet) {
    boolean interactive = isTerminal();
    String noColour = System.getenv("NO_COLOR");
    return new Terminal(
        interactive, interactive && (noColour == null || noColour.isEmpty()), quiet, err);
  }

  /**
   * Whether the command runs in a terminal: up to JDK 21 {@code System.console()} is null unless it
   * does; from JDK 22 on it is never null, and {@code Console.isTerminal()} tells.
   */
  @SuppressWarnings("SystemConsoleNull") // handled: isTerminal() is asked where it exists
  private static boolean isTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 17 to 21: a console means a terminal
    }
  }

  /** {@code text} in bold yellow on a colour terminal, as is elsewhere. */
  String warn(String text) {
    return colour ? "\u001b[1;33m" + text + "\u001b[0m" : text;
  }

  /** {@code text} in bold green on a colour terminal. */
  String good(String text) {
    return colour ? "\u001b[1;32m" + text + "\u001b[0m" : text;
  }

  /**
   * Progress of {@code what} over {@code total} units on stderr, as this class says; {@code unit}
   * names them in a line ("organization"), or is empty for a percentage alone.
   */
  Progress progress(String what, long total, String unit) {
    return new Progress(what, Math.max(1, total), unit);
  }

  /** Progress of one piece of long work; closing it clears the bar or ends the lines. */
  final class Progress implements AutoCloseable {
    private final String what;
    private final long total;
    private final String unit;
    private long lastLine = System.nanoTime();
    private long done;
    private int shown = -1;
    private boolean printed;

    private Progress(String what, long total, String unit) {
      this.what = what;
      this.total = total;
      this.unit = unit;
    }

    /** Says that {@code done} units are done. */
    void at(long done) {
      this.done = done;
      if (quiet) {
        return;
      }
      int percent = percent();
      if (interactive) {
        if (percent != shown) {
          shown = percent;
          int filled = percent / 5;
          err.print(
              String.format(
                  Locale.ROOT,
                  "\r%s [%s%s] %3d%%",
                  what,
                  "#".repeat(filled),
                  " ".repeat(20 - filled),
                  percent));
          err.flush();
          printed = true;
        }
        return;
      }
      long now = System.nanoTime();
      if (now - lastLine >= LINE_EVERY_NANOS && percent != shown) {
        lastLine = now;
        shown = percent;
        line();
      }
    }

    private int percent() {
      return (int) Math.min(100, done * 100 / total);
    }

    private void line() {
      String amount =
          unit.isEmpty()
              ? percent() + "%"
              : String.format(
                  Locale.ROOT,
                  "%,d of %,d %s (%d%%)",
                  done,
                  total,
                  total == 1 ? unit : plural(unit),
                  percent());
      err.println("entente: " + what + ": " + amount);
      err.flush();
      printed = true;
    }

    @Override
    public void close() {
      if (!printed) {
        return;
      }
      if (interactive) {
        err.print("\r\u001b[2K");
        err.flush();
      } else if (shown != percent()) {
        line(); // the last line says where the work ended
      }
    }
  }

  /**
   * {@code file} opened for reading, its progress on stderr (as this class says) following the
   * bytes read, ended when the stream is closed.
   */
  InputStream open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (quiet) {
      return in;
    }
    Progress progress = progress("reading " + file.getFileName(), Files.size(file), "");
    return new FilterInputStream(in) {
      private long read;

      @Override
      public int read() throws IOException {
        int b = super.read();
        progress.at(read += b < 0 ? 0 : 1);
        return b;
      }

      @Override
      public int read(byte[] buffer, int off, int len) throws IOException {
        int n = super.read(buffer, off, len);
        progress.at(read += Math.max(n, 0));
        return n;
      }

      @Override
      public void close() throws IOException {
        super.close();
        progress.close();
      }
    };
  }
}
