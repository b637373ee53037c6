package dev.entente.cli;

import dev.entente.entra.fake.FakeEntra;
import dev.entente.model.Cloud;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code entente fake-entra}: the fake Entra of the tests as a server on a loopback port, serving
 * Graph and every cloud's login paths, so that pull, push and discover can be tried, and a test's
 * discovery never leaves the machine.
 */
@Command(
    name = "fake-entra",
    header = "Runs a fake Entra on a loopback port, until interrupted.",
    mixinStandardHelpOptions = true,
    description =
        "Serves the part of Microsoft Graph and of the identity platform that pull, push and discover use, for every cloud, from an in-memory tenant: an application to sign in with, and as many seeded connected organizations as asked. It prints the options that point the other commands at it.",
    footer = {
      "",
      "Example:",
      "  entente fake-entra --port 8099 --organizations 50 &",
      "  ENTENTE_CLIENT_SECRET=local entente pull --tenant-id 00000000-0000-0000-0000-000000000001 \\",
      "    --client-id entente-local --graph-root http://127.0.0.1:8099/v1.0 \\",
      "    --login-root GLOBAL=http://127.0.0.1:8099/login/global …",
      "",
      "Exit status: 0 stopped, 2 bad input."
    })
final class FakeEntraCommand implements Callable<Integer> {
  /** The fake's own tenant id, which the printed options name. */
  static final String TENANT = "00000000-0000-0000-0000-000000000001";

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "The loopback port (default: a free one).")
  int port;

  @Option(
      names = "--organizations",
      paramLabel = "N",
      description =
          "Connected organizations to seed, each with an email-domain source (default 0).")
  int organizations;

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      description = "The application the fake accepts (default: entente-local).")
  String clientId = "entente-local";

  @Option(
      names = "--client-secret-file",
      paramLabel = "FILE",
      description =
          "A file holding its secret (default: the ENTENTE_CLIENT_SECRET environment variable, else \"local\").")
  @Nullable Path secretFile;

  @Mixin CommonOptions common = new CommonOptions();

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65_535) {
      throw new Exports.BadInput("--port " + port + ": a port is from 0 to 65535");
    }
    if (organizations < 0 || organizations > 100_000) {
      throw new Exports.BadInput(
          "--organizations " + organizations + ": from 0 to 100000 organizations");
    }
    String secret = secret();
    try (FakeEntra entra = FakeEntra.builder().port(port).start()) {
      entra.addApplication(clientId, secret);
      for (int i = 0; i < organizations; i++) {
        entra.addOrganization(
            "{\"displayName\":\"Organization "
                + i
                + "\",\"identitySources\":[{\"@odata.type\":\"#microsoft.graph.domainIdentitySource\","
                + "\"domainName\":\"org"
                + i
                + ".example\",\"displayName\":\"org"
                + i
                + ".example\"}]}");
      }
      PrintWriter out = common.out();
      out.println("Fake Entra listening; interrupt (Ctrl-C) to stop. Point a command at it with:");
      out.println("  --tenant-id " + TENANT + " --client-id " + clientId);
      out.println("  --graph-root " + entra.graphRoot());
      for (Cloud cloud : Cloud.values()) {
        out.println("  --login-root " + cloud + "=" + entra.loginRoot(cloud));
      }
      out.println(
          "and its secret in ENTENTE_CLIENT_SECRET; "
              + Terminal.count(organizations, "organization")
              + " seeded.");
      out.flush();
      try {
        Thread.currentThread().join(); // until interrupted
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return 0;
  }

  private String secret() throws java.io.IOException {
    if (secretFile != null) {
      if (!Files.isReadable(secretFile)) {
        throw new Exports.BadInput("--client-secret-file " + secretFile + ": not a readable file");
      }
      return Files.readString(secretFile).strip();
    }
    String variable = System.getenv(EntraCommands.SECRET_VARIABLE);
    return variable == null || variable.isBlank() ? "local" : variable;
  }
}
