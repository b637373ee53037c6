/**
 * Entente's testkit, for property-based test suites and for authors of stores.
 *
 * <ul>
 *   <li>{@link dev.entente.testkit.EntenteGenerators}: generators of valid Entente values, each a
 *       {@link dev.entente.testkit.Generator} — a plain function of a {@link
 *       java.util.random.RandomGenerator} — so any property-testing library, or a loop over a
 *       seeded {@code SplittableRandom}, can use them.
 *   <li>{@link dev.entente.testkit.Property}: checks a property over a generator from plain JUnit,
 *       reports the seed that finds a failure again, and shrinks it.
 *   <li>The contract kits — {@link dev.entente.testkit.OrganizationStoreContract}, {@link
 *       dev.entente.testkit.ChangeLogContract}, {@link dev.entente.testkit.ChangeFeedContract},
 *       {@link dev.entente.testkit.OrganizationIndexContract} — whose every case is named by the
 *       rule it checks ({@code R_SRC_2_…}) and marked {@link dev.entente.testkit.Requirement
 *       required or optional}; {@link dev.entente.testkit.OrganizationStoreContract} has the table
 *       of the rules and their cases.
 * </ul>
 *
 * <p>The MUST rules of {@code docs/rules.md} §2, §7 and §11, and R-SRC-2, with the cases that check
 * each, or why none does. A required case is one every implementation must pass; an optional case
 * checks a {@link dev.entente.testkit.Capability} declared by the implementation's test, both ways.
 * <!-- kit table begins -->
 *
 * <table class="striped">
 *   <caption>Rules and the cases that check them</caption>
 *   <thead>
 *   <tr><th>rule<th>in the kits<th>the cases that check it, or why none does</tr>
 *   </thead>
 *   <tbody>
 *   <tr><td>R-SRC-2<td>required<td>{@code OrganizationIndexContract.R_IDX_1_concurrentReadersSeeOnlyWholeCommittedValues}, {@code OrganizationIndexContract.R_IDX_2_aKeyPassedOnIsAnsweredWithItsNewHolder}, {@code OrganizationIndexContract.R_IDX_2_anUpdateMovesTheKeys}, {@code OrganizationStoreContract.R_DIR_1_directoriesShareNothing}, {@code OrganizationStoreContract.R_MGT_1_aCreatedOrganizationIsReadByIdAndByEveryKey}, {@code OrganizationStoreContract.R_MGT_1_aDeleteRemovesTheOrganizationAndFreesItsKeys}, {@code OrganizationStoreContract.R_MGT_1_creatingAnIdTwiceIsRefusedAndChangesNothing}, {@code OrganizationStoreContract.R_MGT_1_everyStepAgreesWithTheReferenceModel}, {@code OrganizationStoreContract.R_MGT_4_anUpdateAtTheNextVersionReplacesAndMovesTheKeys}, {@code OrganizationStoreContract.R_SRC_2_aCreateRacingAnUpdateForOneKeyLetsExactlyOneWin}, {@code OrganizationStoreContract.R_SRC_2_aDeleteRacingAnUpdateThatTakesItsKeyLeavesOneHolder}, {@code OrganizationStoreContract.R_SRC_2_aDomainHeldAsAnEmailDomainCannotBeFederatedByAnother}, {@code OrganizationStoreContract.R_SRC_2_aKeyAnotherOrganizationHoldsIsRefusedNamingTheHolder}, {@code OrganizationStoreContract.R_SRC_2_aKeyDroppedByOneOrganizationCanBeTakenByAnother}, {@code OrganizationStoreContract.R_SRC_2_concurrentCreatesOfOneKeyLetExactlyOneWin}, {@code OrganizationStoreContract.R_SRC_2_racingUpdatesOfOneContestedKeyLetExactlyOneWin}, {@code OrganizationStoreContract.R_SRC_2_takingAnotherOrganizationsKeyIsRefusedAndChangesNeither}
 *   <tr><td>R-MGT-1<td>required<td>{@code OrganizationStoreContract.R_LOG_3_aWriteReportedDoneIsSeenFromAnotherThread}, {@code OrganizationStoreContract.R_MGT_1_aCreatedOrganizationIsReadByIdAndByEveryKey}, {@code OrganizationStoreContract.R_MGT_1_aDeleteRemovesTheOrganizationAndFreesItsKeys}, {@code OrganizationStoreContract.R_MGT_1_anEmptyStoreHasOneEmptyLastPage}, {@code OrganizationStoreContract.R_MGT_1_anIdDeletedAndCreatedAgainIsListedOnce}, {@code OrganizationStoreContract.R_MGT_1_creatingAnIdTwiceIsRefusedAndChangesNothing}, {@code OrganizationStoreContract.R_MGT_1_everyStepAgreesWithTheReferenceModel}, {@code OrganizationStoreContract.R_MGT_1_pagesCoverEveryOrganizationOnceInIdOrder}, {@code OrganizationStoreContract.R_MGT_1_pagesFollowTheCodePointOrderOfTheId}, {@code OrganizationStoreContract.R_MGT_1_pagingUnderConcurrentInsertsNeitherSkipsNorRepeats}, {@code OrganizationStoreContract.R_MGT_1_updatingAMissingOrganizationIsRefused}, {@code OrganizationStoreContract.R_SRC_2_aKeyAnotherOrganizationHoldsIsRefusedNamingTheHolder}
 *   <tr><td>R-MGT-2<td>required<td>{@code OrganizationStoreContract.R_MGT_2_searchReturnsExactlyWhatTheQueryMatches}
 *   <tr><td>R-MGT-3<td>untested<td>the management service and its DirectoryLookup port decide it, not a store: core {@code ConnectedOrganizationsTest}, entra {@code DiscoveryTest}
 *   <tr><td>R-MGT-4<td>required<td>{@code OrganizationStoreContract.R_MGT_1_everyStepAgreesWithTheReferenceModel}, {@code OrganizationStoreContract.R_MGT_4_aNewOrganizationAtAnotherVersionThanOneIsRefused}, {@code OrganizationStoreContract.R_MGT_4_aStaleOrMissingDeleteIsRefusedAndChangesNothing}, {@code OrganizationStoreContract.R_MGT_4_aStaleVersionIsRefusedAndChangesNothing}, {@code OrganizationStoreContract.R_MGT_4_anUpdateAtTheNextVersionReplacesAndMovesTheKeys}, {@code OrganizationStoreContract.R_MGT_4_anUpdateAtVersionOneIsRefusedAsACallersMistake}, {@code OrganizationStoreContract.R_MGT_4_concurrentVersionedUpdatesLoseNothing}, {@code OrganizationStoreContract.R_SRC_2_aDeleteRacingAnUpdateThatTakesItsKeyLeavesOneHolder}
 *   <tr><td>R-MGT-5<td>untested<td>the delete guard is the management service's: core {@code ConnectedOrganizationsTest}
 *   <tr><td>R-MGT-6<td>required<td>{@code ChangeLogContract.R_LOG_1_everyCommittedWriteHasExactlyOneRecord}. The kit checks the record a store keeps of each change; the event the management service emits: core {@code ConnectedOrganizationsTest}
 *   <tr><td>R-LOG-1<td>required<td>{@code ChangeFeedContract.R_IDX_1_aSnapshotHandsOverEveryOrganizationOnce}, {@code ChangeFeedContract.R_LOG_1_aRefusedWriteMovesNothing}, {@code ChangeLogContract.R_LOG_1_aRefusedWriteLeavesNoRecord}, {@code ChangeLogContract.R_LOG_1_everyCommittedWriteHasExactlyOneRecord}, {@code OrganizationStoreContract.R_MGT_1_everyStepAgreesWithTheReferenceModel}
 *   <tr><td>R-LOG-2<td>required<td>{@code ChangeFeedContract.R_IDX_1_eachWriteSaysItsOwnRecordsSequence}, {@code ChangeLogContract.R_DIR_2_eachDirectoryKeepsItsOwnLog}, {@code ChangeLogContract.R_LOG_1_everyCommittedWriteHasExactlyOneRecord}, {@code ChangeLogContract.R_LOG_2_aReaderPollingAfterItsLastSequenceNeverSkipsARecord}, {@code ChangeLogContract.R_LOG_2_badReadArgumentsAreRefusedNamingTheField}, {@code ChangeLogContract.R_LOG_2_pruningDeletesThroughTheSequenceAndKeepsTheRest}
 *   <tr><td>R-LOG-3<td>required<td>{@code OrganizationStoreContract.R_LOG_3_aWriteReportedDoneIsSeenFromAnotherThread}. The kit checks that a write reported done is committed (seen from another thread); a write blocked behind another transaction failing after a bounded wait needs a database: postgres {@code AnyPoolTest}, {@code BoundedWaitsTest}
 *   <tr><td>R-LOG-4<td>untested<td>taking part in the host's transaction needs the host's transaction manager: postgres {@code AnyPoolTest}, examples {@code HostTransactionTest}, spring-boot-starter {@code OnboardingApplicationTest}
 *   <tr><td>R-IDX-1<td>required<td>{@code ChangeFeedContract.R_IDX_1_aLookReturnsRecordsWithTheirOrganizations}, {@code ChangeFeedContract.R_IDX_1_aSnapshotHandsOverEveryOrganizationOnce}, {@code ChangeFeedContract.R_IDX_1_eachWriteSaysItsOwnRecordsSequence}, {@code OrganizationIndexContract.R_IDX_1_aDeleteIsGoneByIdAndByKey}, {@code OrganizationIndexContract.R_IDX_1_aReCreatedIdIsAnsweredAndItsDeleteToo}, {@code OrganizationIndexContract.R_IDX_1_concurrentReadersSeeOnlyWholeCommittedValues}, {@code OrganizationIndexContract.R_IDX_1_roundsOfUpdateDeleteAndReCreateLeaveTheLastState}
 *   <tr><td>R-IDX-2<td>required<td>{@code ChangeFeedContract.R_IDX_2_aWriteWakesAWaitingReader}, {@code OrganizationIndexContract.R_IDX_1_aDeleteIsGoneByIdAndByKey}, {@code OrganizationIndexContract.R_IDX_1_aReCreatedIdIsAnsweredAndItsDeleteToo}, {@code OrganizationIndexContract.R_IDX_2_aCreateIsAnsweredByIdAndByEveryKey}, {@code OrganizationIndexContract.R_IDX_2_aKeyPassedOnIsAnsweredWithItsNewHolder}, {@code OrganizationIndexContract.R_IDX_2_anUpdateMovesTheKeys}, {@code OrganizationIndexContract.R_IDX_2_unknownIdsAndKeysAreNull}
 *   <tr><td>R-IDX-3<td>untested<td>approvals racing across instances are the management service's: core {@code ConnectedOrganizationsTest}
 *   <tr><td>R-DIR-1<td>required<td>{@code ChangeFeedContract.R_DIR_1_aFeedFollowsItsOwnDirectoryOnly}, {@code ChangeLogContract.R_DIR_2_eachDirectoryKeepsItsOwnLog}, {@code OrganizationIndexContract.R_DIR_1_anIndexHoldsItsOwnDirectoryOnly}, {@code OrganizationStoreContract.R_DIR_1_aChangeRecordOfAnotherDirectoryIsRefusedAndNothingChanges}, {@code OrganizationStoreContract.R_DIR_1_directoriesShareNothing}
 *   <tr><td>R-DIR-2<td>optional<td>{@code ChangeFeedContract.R_DIR_1_aFeedFollowsItsOwnDirectoryOnly}, {@code ChangeLogContract.R_DIR_2_eachDirectoryKeepsItsOwnLog}. The kit checks each directory's own gap-free sequence; that writes in two directories never wait on each other needs a database: postgres {@code DirectoriesTest}
 *   <tr><td>R-DIR-3<td>untested<td>memory per directory is {@code LiveDirectories}' in core: core-tests {@code LiveDirectoriesModelTest}, postgres {@code LiveDirectoriesTest}
 *   <tr><td>R-DIR-4<td>untested<td>an upgrade of a schema the kit cannot know: postgres {@code DirectoriesTest}
 *   <tr><td>R-DIR-5<td>untested<td>a scale, measured rather than passed: bench {@code DirectoriesBenchmark}, postgres {@code DirectoriesTest}
 *   </tbody>
 * </table>
 *
 * <!-- kit table ends -->
 */
@NullMarked
package dev.entente.testkit;

import org.jspecify.annotations.NullMarked;
