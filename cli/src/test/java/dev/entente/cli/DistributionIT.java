package dev.entente.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The distribution archive installs the command, which runs through symbolic links")
class DistributionIT {
  private static final String VERSION = System.getProperty("entente.version", "");

  record Ran(int status, String out) {}

  private static Ran run(Path directory, String... command)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(10, TimeUnit.MINUTES), "hang guard: the command ends");
    return new Ran(process.exitValue(), out);
  }

  @Test
  @DisplayName(
      "unpacked, bin/entente runs from a symbolic link to a link elsewhere, and completion/entente"
          + " registers with bash")
  void theArchiveInstallsACommandThatRunsThroughLinks(@TempDir Path dir) throws Exception {
    Path archive = Path.of(System.getProperty("entente.distribution"));
    assertTrue(Files.isRegularFile(archive), "the build made " + archive);
    Path opt = Files.createDirectories(dir.resolve("opt"));
    assertEquals(0, run(opt, "tar", "xzf", archive.toString()).status());
    Path home = opt.resolve("entente-" + VERSION);
    assertEquals(
        List.of("LICENSE", "bin", "completion", "lib"),
        Files.list(home).map(p -> p.getFileName().toString()).sorted().toList());
    assertTrue(Files.isExecutable(home.resolve("bin/entente")), "bin/entente is executable");

    Path bin = Files.createDirectories(dir.resolve("usr/local/bin"));
    Path link = Files.createSymbolicLink(bin.resolve("entente"), home.resolve("bin/entente"));
    Path other = Files.createDirectories(dir.resolve("elsewhere"));
    Path relative =
        Files.createSymbolicLink(other.resolve("ent"), other.relativize(link)); // ../usr/local/…
    for (Path command : List.of(link, relative)) {
      Ran version = run(dir, command.toString(), "--version");
      assertEquals(0, version.status(), version.out());
      assertEquals("entente " + VERSION, version.out().lines().findFirst().orElse(""));
    }
    Ran help = run(dir, relative.toString(), "lint", "--help");
    assertEquals(0, help.status(), help.out());
    assertTrue(help.out().contains("Usage: entente lint"), help.out());

    Ran completion =
        run(
            dir,
            "bash",
            "-c",
            "source '" + home.resolve("completion/entente") + "' && complete -p entente");
    assertEquals(0, completion.status(), completion.out());
    assertTrue(completion.out().contains("entente"), completion.out());
  }

  @Test
  @DisplayName("the clone's launcher, cli/entente, runs from a symbolic link too")
  void theClonesLauncherRunsFromALink(@TempDir Path dir) throws Exception {
    Path launcher = Path.of("entente").toAbsolutePath();
    Path link = Files.createSymbolicLink(dir.resolve("entente"), launcher);
    Ran version = run(dir, link.toString(), "--version");
    assertEquals(0, version.status(), version.out());
    assertEquals("entente " + VERSION, version.out().lines().findFirst().orElse(""));
  }
}
