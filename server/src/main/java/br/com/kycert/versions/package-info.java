/**
 * API versions that evolve, Stripe-style: the catalog of published versions and deprecations, one module per
 * breaking change, the filter that renders responses in the pinned version, the per-version specs and the webhook
 * event renderer.
 */
package br.com.kycert.versions;
