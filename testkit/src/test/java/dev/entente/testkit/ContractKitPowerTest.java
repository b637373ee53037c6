package dev.entente.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.entente.spi.ChangeFeed;
import dev.entente.spi.OrganizationStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The kits' own power: each kit passes a correct implementation and fails every deliberately broken
 * one in {@link #MUTANTS}, each modelled on a real class of defect, in the case named beside it. A
 * mutant that survives fails this test, and with it the build. The kits run through JUnit's engine
 * test kit over nested classes the build never runs on their own; docs/rules.md lists the same
 * table, and {@link #theRulesListTheMutantsThisTestRuns} keeps the two in step.
 */
@DisplayName("The contract kits fail every broken implementation and pass a correct one")
class ContractKitPowerTest {
  /** The four kits, each run over the implementation {@link #current} makes. */
  enum Kit {
    STORE(StoreKit.class),
    LOG(LogKit.class),
    FEED(FeedKit.class),
    INDEX(IndexKit.class);

    final Class<?> runner;

    Kit(Class<?> runner) {
      this.runner = runner;
    }

    String contract() {
      return runner.getSuperclass().getSimpleName();
    }
  }

  /**
   * An implementation of a port, what its test declares of it, and — for a mutant — its defect and
   * the kit's case that must fail on it.
   */
  record Mutant(
      String name,
      Kit kit,
      String defect,
      Set<Capability> declared,
      Supplier<Object> make,
      String killedBy) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final Set<Capability> MANY = Set.of(Capability.MANY_DIRECTORIES);
  private static final Set<Capability> SIGNAL = Set.of(Capability.CHANGE_SIGNAL);

  private static Mutant store(MutantStore.Defect defect, String what, String killedBy) {
    return new Mutant(
        defect.name(), Kit.STORE, what, MANY, () -> new MutantStore(defect), killedBy);
  }

  private static Mutant log(LoggedStore.Defect defect, String what, String killedBy) {
    return new Mutant(
        defect.name(), Kit.LOG, what, Set.of(), () -> new LoggedStore(defect), killedBy);
  }

  private static Mutant feed(MutantFeed.Defect defect, String what, String killedBy) {
    return new Mutant(
        defect.name(), Kit.FEED, what, SIGNAL, () -> new MutantFeed(defect), killedBy);
  }

  private static Mutant index(MutantIndex.Defect defect, String what, String killedBy) {
    return new Mutant(
        defect.name(), Kit.INDEX, what, Set.of(), () -> new MutantIndex(defect), killedBy);
  }

  /** A correct implementation per kit: each must pass every case of its kit. */
  static final List<Mutant> CORRECT =
      List.of(
          store(MutantStore.Defect.NONE, "none", ""),
          log(LoggedStore.Defect.NONE, "none", ""),
          feed(MutantFeed.Defect.NONE, "none", ""),
          index(MutantIndex.Defect.NONE, "none", ""));

  /** The mutants, and the case of each kit that kills each. */
  static final List<Mutant> MUTANTS =
      List.of(
          store(
              MutantStore.Defect.RACY_UPDATE,
              "checks keys then writes under a per-organization lock",
              "R_SRC_2_racingUpdatesOfOneContestedKeyLetExactlyOneWin"),
          store(
              MutantStore.Defect.HALF_WRITES_ON_CONFLICT,
              "puts keys one at a time: a refused write leaves the keys before the conflict",
              "R_SRC_2_takingAnotherOrganizationsKeyIsRefusedAndChangesNeither"),
          store(
              MutantStore.Defect.UNIQUE_PER_KIND,
              "a unique index on kind and key: a domain is both an email domain and a federation",
              "R_SRC_2_aDomainHeldAsAnEmailDomainCannotBeFederatedByAnother"),
          store(
              MutantStore.Defect.KEEPS_KEYS_ON_DELETE,
              "a delete leaves its keys held",
              "R_MGT_1_aDeleteRemovesTheOrganizationAndFreesItsKeys"),
          store(
              MutantStore.Defect.IGNORES_VERSION_ON_DELETE,
              "a wrong version check: a delete ignores its version",
              "R_MGT_4_aStaleOrMissingDeleteIsRefusedAndChangesNothing"),
          store(
              MutantStore.Defect.ACCEPTS_ANY_LATER_VERSION,
              "a wrong version check: an update at any later version is taken",
              "R_MGT_4_aStaleVersionIsRefusedAndChangesNothing"),
          store(
              MutantStore.Defect.REPORTS_VERSION_ONE_AS_STALE,
              "the caller's mistake (an update at version 1) reported as the store's state",
              "R_MGT_4_anUpdateAtVersionOneIsRefusedAsACallersMistake"),
          store(
              MutantStore.Defect.ACCEPTS_ANY_CREATE_VERSION,
              "a create keeps any version",
              "R_MGT_4_aNewOrganizationAtAnotherVersionThanOneIsRefused"),
          store(
              MutantStore.Defect.REPEATS_PAGE_BOUNDARY,
              "a page that repeats an id: it starts at its cursor",
              "R_MGT_1_pagesCoverEveryOrganizationOnceInIdOrder"),
          store(
              MutantStore.Defect.SKIPS_PAGE_BOUNDARY,
              "a page that skips an id: its cursor names the next page's first",
              "R_MGT_1_pagesCoverEveryOrganizationOnceInIdOrder"),
          store(
              MutantStore.Defect.ORDERS_BY_COLLATION,
              "ids in a database collation's order, not by code point",
              "R_MGT_1_pagesFollowTheCodePointOrderOfTheId"),
          store(
              MutantStore.Defect.SEARCHES_CASE_SENSITIVELY,
              "a name search that compares case-sensitively",
              "R_MGT_2_searchReturnsExactlyWhatTheQueryMatches"),
          store(
              MutantStore.Defect.SHARES_KEYS_ACROSS_DIRECTORIES,
              "a uniqueness leak across directories: one key index for all",
              "R_DIR_1_directoriesShareNothing"),
          store(
              MutantStore.Defect.IGNORES_DIRECTORY_OF_CHANGE,
              "takes a change record of another directory",
              "R_DIR_1_aChangeRecordOfAnotherDirectoryIsRefusedAndNothingChanges"),
          new Mutant(
              "NEVER_COMMITS",
              Kit.STORE,
              "a lost write under autocommit off: each connection sees only its own writes",
              Set.of(),
              UncommittedStore::new,
              "R_LOG_3_aWriteReportedDoneIsSeenFromAnotherThread"),
          new Mutant(
              "AUDITS_REFUSED_WRITES",
              Kit.STORE,
              "an audit record without its change, found by the store kit's model-based test",
              Set.of(),
              () -> new LoggedStore(LoggedStore.Defect.RECORDS_REFUSED_WRITES),
              "R_MGT_1_everyStepAgreesWithTheReferenceModel"),
          log(
              LoggedStore.Defect.RECORDS_REFUSED_WRITES,
              "an audit record without its change: appended before the write",
              "R_LOG_1_aRefusedWriteLeavesNoRecord"),
          log(
              LoggedStore.Defect.BURNS_A_SEQUENCE_ON_REFUSAL,
              "a gapped sequence: a refused write burns a number",
              "R_LOG_1_aRefusedWriteLeavesNoRecord"),
          log(
              LoggedStore.Defect.SKIPS_A_NUMBER_ON_UPDATE,
              "a gapped sequence: an update's record two past the last",
              "R_LOG_1_everyCommittedWriteHasExactlyOneRecord"),
          log(
              LoggedStore.Defect.RECORDS_THE_WRONG_VERSION,
              "a delete recorded at the version after the one deleted",
              "R_LOG_1_everyCommittedWriteHasExactlyOneRecord"),
          log(
              LoggedStore.Defect.PUBLISHES_OUT_OF_ORDER,
              "a reordered sequence: numbered before the write, published after it",
              "R_LOG_2_aReaderPollingAfterItsLastSequenceNeverSkipsARecord"),
          log(
              LoggedStore.Defect.PRUNES_ONE_TOO_FEW,
              "a prune that keeps the record it names",
              "R_LOG_2_pruningDeletesThroughTheSequenceAndKeepsTheRest"),
          feed(
              MutantFeed.Defect.RESURRECTS_DELETES,
              "a resurrected delete: a look hands over a deleted organization's last value",
              "R_IDX_1_aLookReturnsRecordsWithTheirOrganizations"),
          feed(
              MutantFeed.Defect.SAYS_THE_PREVIOUS_SEQUENCE,
              "a write says the sequence before its own",
              "R_IDX_1_eachWriteSaysItsOwnRecordsSequence"),
          feed(
              MutantFeed.Defect.SNAPSHOT_SAYS_AN_EARLIER_SEQUENCE,
              "a snapshot says a sequence before the last change it holds",
              "R_IDX_1_aSnapshotHandsOverEveryOrganizationOnce"),
          feed(
              MutantFeed.Defect.LOOK_SAYS_ITS_LAST_RECORD,
              "a look says its last record's sequence, not its snapshot's",
              "R_IDX_1_aLookReturnsRecordsWithTheirOrganizations"),
          new Mutant(
              "SIGNALS_UNDECLARED",
              Kit.FEED,
              "a signal the test does not declare: a declaration cannot switch a case off",
              Set.of(),
              () -> new MutantFeed(MutantFeed.Defect.NONE),
              "R_IDX_2_aWriteWakesAWaitingReader"),
          index(
              MutantIndex.Defect.KEY_MAP_KEEPS_DELETES,
              "a resurrected delete: the key map still finds a deleted organization",
              "R_IDX_1_aDeleteIsGoneByIdAndByKey"),
          index(
              MutantIndex.Defect.TOMBSTONES_BY_VERSION,
              "a re-created id removed: decided by version, not by sequence",
              "R_IDX_1_aReCreatedIdIsAnsweredAndItsDeleteToo"),
          index(
              MutantIndex.Defect.ONE_WRITE_BEHIND,
              "no read-your-writes: each write applied when the next arrives",
              "R_IDX_2_aCreateIsAnsweredByIdAndByEveryKey"));

  /**
   * The implementation the kits below run over: set before each run. The engine test kit runs a
   * class on the calling thread, and these tests run one at a time.
   */
  private static volatile Mutant current = CORRECT.get(0);

  /** The store kit over {@link #current}; nested and static, so the build does not run it. */
  static final class StoreKit extends OrganizationStoreContract {
    @Override
    protected OrganizationStore newStore() {
      return (OrganizationStore) current.make().get();
    }

    @Override
    protected Set<Capability> capabilities() {
      return current.declared();
    }

    @Override
    protected int modelExamples() {
      return 150;
    }
  }

  static final class LogKit extends ChangeLogContract<LoggedStore> {
    @Override
    protected LoggedStore newStore() {
      return (LoggedStore) current.make().get();
    }

    @Override
    protected Set<Capability> capabilities() {
      return current.declared();
    }
  }

  static final class FeedKit extends ChangeFeedContract {
    @Override
    protected ChangeFeed newFeed() {
      return (ChangeFeed) current.make().get();
    }

    @Override
    protected Set<Capability> capabilities() {
      return current.declared();
    }
  }

  static final class IndexKit extends OrganizationIndexContract {
    @Override
    protected Pair newPair() {
      MutantIndex index = (MutantIndex) current.make().get();
      return new Pair(index, index);
    }

    @Override
    protected Set<Capability> capabilities() {
      return current.declared();
    }
  }

  /** Runs the kit over {@code mutant}; the cases that failed. */
  private static synchronized Set<String> failedCases(Mutant mutant) {
    current = mutant;
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(mutant.kit().runner)).execute();
    long cases = casesOf(mutant.kit()).size();
    assertEquals(
        cases,
        results.testEvents().started().count(),
        "every case of " + mutant.kit().contract() + " ran over " + mutant);
    Set<String> failed = new TreeSet<>();
    for (Event event : results.testEvents().failed().list()) {
      failed.add(event.getTestDescriptor().getLegacyReportingName().replace("()", ""));
    }
    return failed;
  }

  /** The cases of a kit: its {@code @Test} methods. */
  static List<String> casesOf(Kit kit) {
    return Stream.of(kit.runner.getSuperclass().getDeclaredMethods())
        .filter(m -> m.isAnnotationPresent(Test.class))
        .map(m -> m.getName())
        .sorted()
        .toList();
  }

  static Stream<Mutant> correct() {
    return CORRECT.stream();
  }

  static Stream<Mutant> mutants() {
    return MUTANTS.stream();
  }

  @ParameterizedTest(name = "{0} kit passes a correct implementation")
  @MethodSource("correct")
  void aCorrectImplementationPassesEveryCaseOfItsKit(Mutant correct) {
    assertEquals(Set.of(), failedCases(correct), "cases that failed a correct implementation");
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("mutants")
  @DisplayName("each mutant is killed by its case")
  void eachMutantIsKilledByItsCase(Mutant mutant) {
    assertTrue(
        casesOf(mutant.kit()).contains(mutant.killedBy()),
        mutant.killedBy() + " is a case of " + mutant.kit().contract());
    Set<String> failed = failedCases(mutant);
    assertTrue(
        failed.contains(mutant.killedBy()),
        mutant
            + " ("
            + mutant.defect()
            + ") survived "
            + mutant.kit().contract()
            + "."
            + mutant.killedBy()
            + "; the cases that failed: "
            + failed);
  }

  @Test
  @DisplayName("at least twenty mutants, each of its own name")
  void atLeastTwentyMutantsEachOfItsOwnName() {
    assertTrue(MUTANTS.size() >= 20, "mutants: " + MUTANTS.size());
    assertEquals(MUTANTS.size(), MUTANTS.stream().map(m -> m.kit() + m.name()).distinct().count());
  }

  /** The mutant table, as docs/rules.md writes it. */
  static List<String> table() {
    List<String> rows = new ArrayList<>();
    rows.add("| mutant | kit | its defect | the case that kills it |");
    rows.add("|---|---|---|---|");
    for (Mutant m : MUTANTS) {
      rows.add(
          "| `"
              + m.name()
              + "` | `"
              + m.kit().contract()
              + "` | "
              + m.defect()
              + " | `"
              + m.killedBy()
              + "` |");
    }
    return rows;
  }

  @Test
  @DisplayName("docs/rules.md lists the mutants this test runs, each with its case")
  void theRulesListTheMutantsThisTestRuns() throws IOException {
    String rules = Files.readString(Path.of("../docs/rules.md"), StandardCharsets.UTF_8);
    String begin = "<!-- mutant table begins -->\n";
    String end = "<!-- mutant table ends -->";
    int from = rules.indexOf(begin);
    int to = rules.indexOf(end);
    assertTrue(from >= 0 && to > from, "docs/rules.md marks its mutant table");
    assertEquals(
        String.join("\n", table()) + "\n",
        rules.substring(from + begin.length(), to),
        "docs/rules.md's mutant table");
  }
}
