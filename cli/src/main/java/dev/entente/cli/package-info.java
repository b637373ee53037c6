/**
 * The {@code entente} command: lint a Graph export, explain a decision, plan and apply a sync
 * against PostgreSQL. An application, not a library API.
 */
@NullMarked
package dev.entente.cli;

import org.jspecify.annotations.NullMarked;
