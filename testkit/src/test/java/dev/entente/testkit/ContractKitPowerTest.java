package dev.entente.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.entente.spi.OrganizationStore;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The kit's own power: it passes a correct store and fails each plausible broken one, in the test
 * that guards what the store breaks. The broken stores run the whole contract through JUnit's
 * engine test kit, so they are classes the build itself never runs as tests.
 */
@DisplayName("OrganizationStoreContract rejects broken stores and passes a correct one")
class ContractKitPowerTest {
  /** The contract over a mutant; nested and static, so surefire does not run it on its own. */
  abstract static class Over extends OrganizationStoreContract {
    abstract MutantStore.Defect defect();

    @Override
    protected OrganizationStore newStore() {
      return new MutantStore(defect());
    }

    @Override
    protected int modelExamples() {
      return 150;
    }
  }

  static final class Correct extends Over {
    @Override
    MutantStore.Defect defect() {
      return MutantStore.Defect.NONE;
    }
  }

  static final class RacyUpdate extends Over {
    @Override
    MutantStore.Defect defect() {
      return MutantStore.Defect.RACY_UPDATE;
    }
  }

  static final class KeepsKeysOnDelete extends Over {
    @Override
    MutantStore.Defect defect() {
      return MutantStore.Defect.KEEPS_KEYS_ON_DELETE;
    }
  }

  static final class IgnoresVersionOnDelete extends Over {
    @Override
    MutantStore.Defect defect() {
      return MutantStore.Defect.IGNORES_VERSION_ON_DELETE;
    }
  }

  static final class RepeatsPageBoundary extends Over {
    @Override
    MutantStore.Defect defect() {
      return MutantStore.Defect.REPEATS_PAGE_BOUNDARY;
    }
  }

  static final class SharesKeysAcrossDirectories extends Over {
    @Override
    MutantStore.Defect defect() {
      return MutantStore.Defect.SHARES_KEYS_ACROSS_DIRECTORIES;
    }
  }

  static final class IgnoresDirectoryOfChange extends Over {
    @Override
    MutantStore.Defect defect() {
      return MutantStore.Defect.IGNORES_DIRECTORY_OF_CHANGE;
    }
  }

  private static Set<String> failedTests(Class<? extends Over> contract) {
    return failedTestsOf(contract, 20);
  }

  private static void assertRejectedBy(Class<? extends Over> contract, List<String> guards) {
    Set<String> failed = failedTests(contract);
    for (String guard : guards) {
      assertTrue(
          failed.contains(guard + "()"),
          contract.getSimpleName() + " should fail " + guard + "; failed: " + failed);
    }
  }

  @Test
  void aCorrectStorePassesEveryContractTest() {
    assertEquals(Set.of(), failedTests(Correct.class));
  }

  @Test
  void aStoreWhoseUpdatesCheckKeysThenWriteUnderAPerOrganizationLockIsRejected() {
    assertRejectedBy(RacyUpdate.class, List.of("racingUpdatesOfOneContestedKeyLetExactlyOneWin"));
  }

  @Test
  void aStoreThatNeverFreesTheKeysOfADeletedOrganizationIsRejected() {
    assertRejectedBy(
        KeepsKeysOnDelete.class, List.of("aDeleteRemovesTheOrganizationAndFreesItsKeys"));
  }

  @Test
  void aStoreThatIgnoresTheVersionOfADeleteIsRejected() {
    assertRejectedBy(
        IgnoresVersionOnDelete.class, List.of("aStaleOrMissingDeleteIsRefusedAndChangesNothing"));
  }

  @Test
  void aStoreWhosePagingRepeatsAnIdIsRejected() {
    assertRejectedBy(
        RepeatsPageBoundary.class,
        List.of(
            "pagesCoverEveryOrganizationOnceInIdOrder",
            "pagingUnderConcurrentInsertsNeitherSkipsNorRepeats"));
  }

  @Test
  @DisplayName("R-DIR-1: a store whose directories share one key index is rejected")
  void aStoreWhoseDirectoriesShareOneKeyIndexIsRejected() {
    assertRejectedBy(SharesKeysAcrossDirectories.class, List.of("R_DIR_1_directoriesShareNothing"));
  }

  @Test
  @DisplayName("R-DIR-1: a store that writes a change record of another directory is rejected")
  void aStoreThatTakesAChangeRecordOfAnotherDirectoryIsRejected() {
    assertRejectedBy(
        IgnoresDirectoryOfChange.class,
        List.of("R_DIR_1_aChangeRecordOfAnotherDirectoryIsRefusedAndNothingChanges"));
  }

  /** The change-log contract over a logged store; nested and static, as {@link Over}. */
  abstract static class LogOver extends ChangeLogContract<LoggedStore> {
    abstract LoggedStore.Defect defect();

    @Override
    protected LoggedStore newStore() {
      return new LoggedStore(defect());
    }
  }

  static final class CorrectLog extends LogOver {
    @Override
    LoggedStore.Defect defect() {
      return LoggedStore.Defect.NONE;
    }
  }

  static final class RecordsRefusedWrites extends LogOver {
    @Override
    LoggedStore.Defect defect() {
      return LoggedStore.Defect.RECORDS_REFUSED_WRITES;
    }
  }

  static final class PublishesOutOfOrder extends LogOver {
    @Override
    LoggedStore.Defect defect() {
      return LoggedStore.Defect.PUBLISHES_OUT_OF_ORDER;
    }
  }

  /** The store contract over a logged store: its model-based test checks the log step by step. */
  static final class LoggedModel extends OrganizationStoreContract {
    @Override
    protected OrganizationStore newStore() {
      return new LoggedStore(LoggedStore.Defect.RECORDS_REFUSED_WRITES);
    }

    @Override
    protected int modelExamples() {
      return 100;
    }
  }

  private static Set<String> failedTestsOf(Class<?> contract, int atLeast) {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute();
    assertTrue(
        results.testEvents().started().count() >= atLeast, "the whole contract ran on " + contract);
    Set<String> failed = new TreeSet<>();
    for (Event event : results.testEvents().failed().list()) {
      failed.add(event.getTestDescriptor().getLegacyReportingName());
    }
    return failed;
  }

  @Test
  void aCorrectChangeLogPassesEveryChangeLogTest() {
    assertEquals(Set.of(), failedTestsOf(CorrectLog.class, 5));
  }

  @Test
  void aLogThatKeepsTheRecordOfARefusedWriteIsRejected() {
    Set<String> failed = failedTestsOf(RecordsRefusedWrites.class, 5);
    assertTrue(failed.contains("aRefusedWriteLeavesNoRecord()"), "failed: " + failed);
    assertTrue(
        failedTestsOf(LoggedModel.class, 20).contains("everyStepAgreesWithTheReferenceModel()"),
        "the model-based store test checks the log of a store that keeps one");
  }

  @Test
  void aLogThatPublishesRecordsOutOfSequenceOrderIsRejected() {
    Set<String> failed = failedTestsOf(PublishesOutOfOrder.class, 5);
    assertTrue(
        failed.contains("aReaderPollingAfterItsLastSequenceNeverSkipsARecord()"),
        "failed: " + failed);
  }
}
