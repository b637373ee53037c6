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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
    String text = export(global, 11, 1_000);
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
  @DisplayName(
      "an executor that drops or rejects every task does not stall an import: the reading thread"
          + " maps every batch, in order")
  // A guard against a hang only (a reader that waited for a dropped task would wait for ever).
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void anExecutorThatDropsOrRejectsTasksDoesNotStallAnImport() {
    GraphJson global = GraphJson.forCloud(Cloud.GLOBAL);
    String text = export(global, 13, 700);
    List<String> expected = oneByOne(global, text);
    List<Runnable> dropped = new ArrayList<>();
    assertEquals(expected, alongside(global.withExecutor(dropped::add), text));
    assertEquals(3, dropped.size(), "700 organizations in batches of 256, each handed over");
    GraphJson rejecting =
        global.withExecutor(
            task -> {
              throw new java.util.concurrent.RejectedExecutionException("shut down");
            });
    assertEquals(expected, alongside(rejecting, text));
  }

  /** A list of {@code n} generated organizations as Graph JSON, an array of documents. */
  private static String export(GraphJson graph, int seed, int n) {
    StringBuilder json = new StringBuilder("[");
    List<ConnectedOrganization> orgs = EntenteGenerators.organizations(new Random(seed), n);
    for (int i = 0; i < orgs.size(); i++) {
      json.append(i == 0 ? "" : ",").append(graph.write(orgs.get(i)));
    }
    return json.append(']').toString();
  }

  @Test
  @DisplayName("an exception thrown by the caller's consumer comes out unchanged")
  void anExceptionOfTheConsumerComesOut() {
    GraphJson graph = GraphJson.forCloud(Cloud.GLOBAL);
    IllegalStateException thrown = new IllegalStateException("stop");
    try (GraphReader reader = graph.reader(export(graph, 7, 600))) {
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
