/**
 * The data sources a run checks: the catalogue, the sandbox answers from the fixture scenarios, and the live HTTP connectors with retries and circuit breakers.
 */
package br.com.kycert.sources;
