package dev.entente.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;

import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.testkit.EntenteGenerators;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

@DisplayName("Reading with the mapping beside it delivers what reading one by one does, in order")
class ForEachOrganizationTest {
  /** What a reader delivers: organizations and problems, in order, as text to compare. */
  private static List<String> oneByOne(GraphJson graph, String json) {
    List<String> out = new ArrayList<>();
    try (GraphReader reader = graph.reader(json)) {
      while (reader.hasNext()) {
        try {
          GraphOrganization read = reader.next();
          try {
            out.add("org " + read.pointer() + " " + graph.toOrganization(read));
          } catch (GraphFormatException e) {
            out.add("problem " + e.getMessage());
          }
        } catch (GraphFormatException e) {
          out.add("problem " + e.getMessage());
        }
      }
    }
    return out;
  }

  private static List<String> alongside(GraphJson graph, String json) {
    List<String> out = new ArrayList<>();
    try (GraphReader reader = graph.reader(json)) {
      reader.forEachOrganization(
          (read, org) -> out.add("org " + read.pointer() + " " + org),
          e -> out.add("problem " + e.getMessage()));
    }
    return out;
  }

  @Test
  @DisplayName("for every export of up to 1,500 organizations, some broken, the same sequence")
  void theSameSequenceForEveryExport() {
    GraphJson graph = GraphJson.forCloud(Cloud.GLOBAL);
    qt().withExamples(20)
        .forAll(
            SourceDSL.integers().between(0, 1_500),
            SourceDSL.integers().between(0, 50),
            SourceDSL.booleans().all())
        .checkAssert(
            (n, brokenEvery, truncated) -> {
              StringBuilder json = new StringBuilder("{\"value\":[");
              List<ConnectedOrganization> orgs = EntenteGenerators.organizations(new Random(n), n);
              for (int i = 0; i < orgs.size(); i++) {
                String one = graph.write(orgs.get(i));
                if (brokenEvery > 0 && i % brokenEvery == 0) {
                  one = one.replace("\"state\":\"", "\"state\":\"x");
                }
                json.append(i == 0 ? "" : ",").append(one);
              }
              String text = json.append("]}").toString();
              if (truncated) {
                text = text.substring(0, text.length() * 2 / 3);
              }
              assertEquals(oneByOne(graph, text), alongside(graph, text));
            });
  }

  @Test
  @DisplayName(
      "a caller's executor does the mapping, its own pool or the reading thread, with the same"
          + " sequence as reading one by one")
  void aCallersExecutorDoesTheMapping() throws InterruptedException {
    GraphJson global = GraphJson.forCloud(Cloud.GLOBAL);
    StringBuilder json = new StringBuilder("[");
    List<ConnectedOrganization> orgs = EntenteGenerators.organizations(new Random(11), 1_000);
    for (int i = 0; i < orgs.size(); i++) {
      json.append(i == 0 ? "" : ",").append(global.write(orgs.get(i)));
    }
    String text = json.append(']').toString();
    java.util.concurrent.atomic.AtomicInteger tasks =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      GraphJson pooled =
          global.withExecutor(
              task -> {
                tasks.incrementAndGet();
                pool.execute(task);
              });
      assertEquals(oneByOne(global, text), alongside(pooled, text));
      assertEquals(4, tasks.get(), "1,000 organizations in batches of 256");
    } finally {
      pool.shutdown();
      // A guard against a hang only: the pool has finished its tasks when forEach returned.
      pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
    }
    Thread reading = Thread.currentThread();
    List<Thread> mappedOn = new ArrayList<>();
    GraphJson inline =
        global.withExecutor(
            task -> {
              mappedOn.add(Thread.currentThread());
              task.run();
            });
    assertEquals(oneByOne(global, text), alongside(inline, text));
    assertEquals(List.of(reading, reading, reading, reading), mappedOn);
  }

  @Test
  @DisplayName("an exception thrown by the caller's consumer comes out unchanged")
  void anExceptionOfTheConsumerComesOut() {
    GraphJson graph = GraphJson.forCloud(Cloud.GLOBAL);
    StringBuilder json = new StringBuilder("[");
    List<ConnectedOrganization> orgs = EntenteGenerators.organizations(new Random(7), 600);
    for (int i = 0; i < orgs.size(); i++) {
      json.append(i == 0 ? "" : ",").append(graph.write(orgs.get(i)));
    }
    IllegalStateException thrown = new IllegalStateException("stop");
    try (GraphReader reader = graph.reader(json.append(']').toString())) {
      assertSame(
          thrown,
          assertThrows(
              IllegalStateException.class,
              () ->
                  reader.forEachOrganization(
                      (read, org) -> {
                        throw thrown;
                      },
                      e -> {})));
    }
  }
}
