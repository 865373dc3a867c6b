/**
 * The kycert Java SDK: {@link br.com.kycert.client.KycertClient}, a thin hand-written facade over the client
 * generated from the OpenAPI spec, and its services ({@link br.com.kycert.client.RunService}, from
 * {@code client.runs()}).
 *
 * <p>The generated code lives in {@code br.com.kycert.client.api} ({@code RunsApi}), {@code .model} (request and
 * response types such as {@code CreateRunRequest} and {@code Run}) and {@code .invoker} ({@code ApiClient}). The
 * facade adds what the generator does not: authentication and API-version headers sent per call, automatic
 * idempotency keys, retries with backoff, typed exceptions ({@link br.com.kycert.client.exception}),
 * auto-pagination, waiting for runs, and response metadata ({@link br.com.kycert.client.KycertResponse}).
 */
package br.com.kycert.client;
