/**
 * What operators watch: Micrometer metrics (requests by route template, status and problem code; API key refusals by
 * reason; runs, the queue, sources, webhooks and credits; JVM and pool), served in the Prometheus format on the
 * management port ({@code ManagementConfiguration}), never on the public one, and the access log: one event per
 * request.
 */
package br.com.kycert.observability;
