/**
 * Entente for Spring Boot (R-EMB-1): auto-configuration of the store, the live replica, discovery,
 * audit events, restrictions and lifecycle ({@link dev.entente.spring.EntenteAutoConfiguration}),
 * its properties ({@link dev.entente.spring.EntenteProperties}), the actuator's health indicator
 * and info contributor, and Micrometer metrics ({@link dev.entente.spring.EntenteMetrics}).
 */
@NullMarked
package dev.entente.spring;

import org.jspecify.annotations.NullMarked;
