/**
 * Webhooks: endpoints, a transactional outbox of run events, signed deliveries retried for about a day, and endpoints disabled after repeated failures.
 */
package br.com.kycert.webhooks;
