/**
 * What every feature uses and none owns: the domain's small types (environment, subject type), domain errors, ids, the clock and log masking.
 */
package br.com.kycert.shared;
