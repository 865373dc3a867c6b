/**
 * The exceptions the kycert SDK throws: one unchecked base, {@link br.com.kycert.client.exception.KycertException},
 * and a subclass per kind of failure, chosen from the HTTP status (and, for 409, the problem {@code code}).
 *
 * <p>Every exception carries the parsed problem ({@link br.com.kycert.client.exception.ProblemDetails}): status,
 * stable {@code code}, {@code request_id} to quote to support, and, where the API sends them, the
 * {@code required_scopes} and per-field {@code errors}. Unknown codes and bodies that are not JSON never break
 * the mapping: the exception is then chosen by status alone.
 */
package br.com.kycert.client.exception;
