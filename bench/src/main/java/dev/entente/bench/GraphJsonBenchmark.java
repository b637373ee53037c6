package dev.entente.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.entente.graph.GraphJson;
import dev.entente.graph.GraphOrganization;
import dev.entente.graph.GraphReader;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.testkit.EntenteGenerators;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a Graph export of {@value #SIZE} organizations (one {@code {"value": [...]}} page, made
 * by {@link GraphJson#writePage} from the testkit's generated organizations: every source kind and
 * cloud, sponsors, Unicode names) into models, against a bare Jackson token scan of the same bytes.
 *
 * <ul>
 *   <li>{@code tokenScan}: {@code nextToken()} to the end, with Jackson's default factory — the
 *       baseline;
 *   <li>{@code readGraph}: {@link GraphReader} to {@link GraphOrganization}s;
 *   <li>{@code readModels}: {@link GraphReader#forEachOrganization}, which reads on the benchmark
 *       thread and maps to the model on the common pool beside it — what {@code
 *       GraphReader.planImport} does;
 *   <li>{@code readModelsOneThread}: reading and {@link GraphJson#toOrganization} one by one on the
 *       benchmark thread alone.
 * </ul>
 *
 * <p>Run: {@code bench/run-graph}, which prints the ratios and MB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class GraphJsonBenchmark {
  static final int SIZE = 100_000;

  private static final JsonFactory JACKSON = new JsonFactory();
  private final GraphJson graph = GraphJson.forCloud(Cloud.GLOBAL);

  @Param({"entra", "testkit"})
  public String shape = "entra";

  byte[] export;

  @Setup
  public void setUp() {
    export = export(shape);
  }

  static byte[] export(String shape) {
    if (shape.equals("testkit")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      GraphJson.forCloud(Cloud.GLOBAL)
          .writePage(EntenteGenerators.organizations(new SplittableRandom(42), SIZE), out);
      return out.toByteArray();
    }
    SplittableRandom random = new SplittableRandom(42);
    StringBuilder json =
        new StringBuilder(
            "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#identityGovernance/"
                + "entitlementManagement/connectedOrganizations(internalSponsors(),externalSponsors())\","
                + "\"value\":[");
    for (int i = 0; i < SIZE; i++) {
      String name = "Organization " + i;
      String domain = "org" + i + ".com";
      json.append(i == 0 ? "" : ",")
          .append("{\"id\":\"")
          .append(guid(random))
          .append("\",\"displayName\":\"")
          .append(name)
          .append('"');
      if (i % 2 == 0) {
        json.append(",\"description\":\"Partner ").append(name).append(" since 2021\"");
      }
      String time =
          String.format(Locale.ROOT, "2021-%02d-%02dT10:11:12.%07dZ", 1 + i % 12, 1 + i % 28, i);
      json.append(",\"createdDateTime\":\"")
          .append(time)
          .append("\",\"modifiedDateTime\":\"")
          .append(time)
          .append("\",\"state\":\"")
          .append(i % 3 == 0 ? "proposed" : "configured")
          .append("\",\"identitySources\":[");
      int kind = i % 20;
      if (kind < 12) {
        json.append(
                "{\"@odata.type\":\"#microsoft.graph.azureActiveDirectoryTenant\",\"tenantId\":\"")
            .append(guid(random))
            .append("\",\"displayName\":\"")
            .append(name)
            .append("\"}");
      } else if (kind < 17) {
        json.append("{\"@odata.type\":\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"")
            .append(domain)
            .append("\",\"displayName\":\"")
            .append(domain)
            .append("\"}");
      } else if (kind < 19) {
        json.append(
                "{\"@odata.type\":\"#microsoft.graph.externalDomainFederation\",\"domainName\":\"")
            .append(domain)
            .append("\",\"displayName\":\"")
            .append(name)
            .append("\",\"issuerUri\":\"https://sts.")
            .append(domain)
            .append("/adfs/services/trust\"}");
      } else {
        json.append(
                "{\"@odata.type\":\"#microsoft.graph.crossCloudAzureActiveDirectoryTenant\",\"tenantId\":\"")
            .append(guid(random))
            .append("\",\"displayName\":\"")
            .append(name)
            .append("\",\"cloudInstance\":\"microsoftonline.us\"}");
      }
      json.append("],\"internalSponsors\":[");
      for (int s = 0; s < i % 3; s++) {
        json.append(s == 0 ? "" : ",")
            .append("{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"")
            .append(guid(random))
            .append("\",\"displayName\":\"Sponsor ")
            .append(s)
            .append("\"}");
      }
      json.append("],\"externalSponsors\":[]}");
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String guid(SplittableRandom random) {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  @Benchmark
  public long tokenScan() throws IOException {
    long tokens = 0;
    try (JsonParser parser = JACKSON.createParser(export)) {
      while (parser.nextToken() != null) {
        tokens++;
      }
    }
    return tokens;
  }

  @Benchmark
  public long readGraph() {
    long count = 0;
    try (GraphReader reader = graph.reader(new ByteArrayInputStream(export))) {
      while (reader.hasNext()) {
        GraphOrganization org = reader.next();
        count += org.identitySources().size();
      }
    }
    return count;
  }

  @Benchmark
  public long readModels() {
    long[] count = {0};
    try (GraphReader reader = graph.reader(new ByteArrayInputStream(export))) {
      reader.forEachOrganization(
          (read, org) -> count[0] += org.identitySources().size(),
          problem -> {
            throw problem;
          });
    }
    return count[0];
  }

  @Benchmark
  public long readModelsOneThread() {
    long count = 0;
    try (GraphReader reader = graph.reader(new ByteArrayInputStream(export))) {
      while (reader.hasNext()) {
        ConnectedOrganization org = graph.toOrganization(reader.next());
        count += org.identitySources().size();
      }
    }
    return count;
  }
}
