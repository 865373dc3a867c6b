/**
 * Bureau runs: creation with idempotency, keyset-paginated listing, the leased worker that runs each source check, and the decision.
 */
package br.com.kycert.runs;
