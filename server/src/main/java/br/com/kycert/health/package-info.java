/**
 * The health probes ({@code GET /health} readiness, {@code GET /health/liveness}) for load balancers and
 * orchestrators: answered from a readiness state refreshed in the background, never with I/O per request.
 */
package br.com.kycert.health;
