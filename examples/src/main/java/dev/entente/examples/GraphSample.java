package dev.entente.examples;

import dev.entente.Entente;
import dev.entente.ImportPlan;
import dev.entente.ImportReport;
import dev.entente.graph.GraphJson;
import dev.entente.graph.GraphReader;
import dev.entente.model.Cloud;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Imports a Graph export of a tenant's connected organizations (Contoso, Fabrikam, Woodgrove Bank
 * and Litware) into an Entente: prints the plan, applies it, plans again to show that nothing is
 * left to do, and writes the store back out as Graph JSON.
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am package exec:java -DskipTests
 * -Dexamples.main=dev.entente.examples.GraphSample}.
 */
public final class GraphSample {
  private GraphSample() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the sample, printing what happens; returns the Graph JSON written back out. */
  static String run(PrintStream out) {
    Entente entente = Entente.inMemory();
    InputStream file = GraphSample.class.getResourceAsStream("/graph-export.json");
    Objects.requireNonNull(file, "graph-export.json");
    // sample begins
    GraphJson graph = GraphJson.forCloud(Cloud.GLOBAL); // the cloud of the host's own tenant
    ImportPlan plan;
    try (GraphReader export = graph.reader(file)) {
      plan = export.planImport(entente.organizations());
    }
    out.print(plan); // a dry run: nothing is written until apply
    ImportReport report = plan.apply(); // validated, versioned, audited as ImportPlan.IMPORTER
    out.print(report);

    ByteArrayOutputStream back = new ByteArrayOutputStream();
    graph.writePage(entente.organizations().all(), back); // read a page at a time
    // sample ends
    try (GraphReader again = graph.reader(back.toString(StandardCharsets.UTF_8))) {
      ImportPlan second = again.planImport(entente.organizations());
      out.print("Importing the same organizations again:\n" + second);
    }
    return back.toString(StandardCharsets.UTF_8);
  }
}
