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

  private static Set<String> failedTests(Class<? extends Over> contract) {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute();
    assertTrue(
        results.testEvents().started().count() >= 20, "the whole contract ran on " + contract);
    Set<String> failed = new TreeSet<>();
    for (Event event : results.testEvents().failed().list()) {
      failed.add(event.getTestDescriptor().getLegacyReportingName());
    }
    return failed;
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
}
