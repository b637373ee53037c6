package dev.entente.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the command knows of where it writes: colour and progress only on a terminal (and no colour
 * when {@code NO_COLOR} is set), never in a pipe or a file.
 */
final class Terminal {
  private final boolean interactive;
  private final boolean colour;
  private final PrintStream err;

  private Terminal(boolean interactive, boolean colour, PrintStream err) {
    this.interactive = interactive;
    this.colour = colour;
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
    if (count == 1) {
      return "1 " + noun;
    }
    boolean consonantY =
        noun.length() > 1
            && noun.endsWith("y")
            && "aeiou".indexOf(noun.charAt(noun.length() - 2)) < 0;
    return count + " " + (consonantY ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s");
  }

  static Terminal detect(PrintStream err) {
    boolean interactive = isTerminal();
    String noColour = System.getenv("NO_COLOR");
    return new Terminal(interactive, interactive && (noColour == null || noColour.isEmpty()), err);
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
   * {@code file} opened for reading; on a terminal, a progress bar on stderr follows the bytes read
   * and ends when the stream is closed.
   */
  InputStream open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (!interactive) {
      return in;
    }
    long size = Math.max(1, Files.size(file));
    String name = file.getFileName().toString();
    return new FilterInputStream(in) {
      private long read;
      private int shown = -1;

      @Override
      public int read() throws IOException {
        int b = super.read();
        advance(b < 0 ? 0 : 1);
        return b;
      }

      @Override
      public int read(byte[] buffer, int off, int len) throws IOException {
        int n = super.read(buffer, off, len);
        advance(Math.max(n, 0));
        return n;
      }

      private void advance(int n) {
        read += n;
        int percent = (int) Math.min(100, read * 100 / size);
        if (percent != shown) {
          shown = percent;
          int filled = percent / 5;
          err.print(
              String.format(
                  Locale.ROOT,
                  "\rreading %s [%s%s] %3d%%",
                  name,
                  "#".repeat(filled),
                  " ".repeat(20 - filled),
                  percent));
          err.flush();
        }
      }

      @Override
      public void close() throws IOException {
        super.close();
        if (shown >= 0) {
          err.print("\r\u001b[2K");
          err.flush();
        }
      }
    };
  }
}
