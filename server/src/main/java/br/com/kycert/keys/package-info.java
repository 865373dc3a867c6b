/**
 * API keys: their format and checksum, digests under the server pepper, creation, rolling and revocation, and the verifier that says why a presented key is refused.
 */
package br.com.kycert.keys;
