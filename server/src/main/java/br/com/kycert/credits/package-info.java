/**
 * The credits ledger of live runs: a tenant's balance, reserved per source when a run is created, then settled or released per check.
 */
package br.com.kycert.credits;
