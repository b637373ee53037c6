package dev.entente.access;

import java.util.List;

/**
 * The approvers of one stage of the chosen policy, resolved for one requestor (R-APR-1).
 *
 * @param number the stage's number, from 1
 * @param approvers who approves, in the policy's order, without duplicates and never the requestor
 * @param fallback whether these are the stage's fallback approvers
 */
public record ResolvedStage(int number, List<Principal> approvers, boolean fallback) {}
