/**
 * The kycert Java SDK: {@link br.com.kycert.client.KycertClient}, a thin hand-written facade over the client
 * generated from the OpenAPI spec.
 *
 * <p>The generated code lives in {@code br.com.kycert.client.api} ({@code RunsApi}), {@code .model} (request and
 * response types such as {@code CreateRunRequest} and {@code Run}) and {@code .invoker} ({@code ApiClient}). The
 * facade adds what the generator does not: authentication and API-version headers, automatic idempotency keys,
 * retries with backoff, typed exceptions ({@link br.com.kycert.client.exception}) and auto-pagination.
 */
package br.com.kycert.client;
