/**
 * Key introspection ({@code GET /api/v1/keys/me}): the calling key describes itself from the keys, the authenticated
 * principal and the rate limiter, which is why it sits above all three.
 */
package br.com.kycert.introspection;
