package br.com.kycert.client;

import br.com.kycert.client.exception.KycertException;
import br.com.kycert.client.model.ApiKeyInfo;

/**
 * The calling API key, as the server sees it. Obtained from {@link KycertClient#keys()}; thread-safe.
 *
 * <pre>{@code
 * ApiKeyInfo me = client.keys().me();     // at start-up: the key you meant?
 * System.out.println(me.getEnvironment() + " " + me.getEffectiveScopes() + " " + me.getRateLimit().getPerKey());
 * }</pre>
 */
public final class KeyService {

    private final ApiRequestor requestor;

    KeyService(ApiRequestor requestor) {
        this.requestor = requestor;
    }

    /**
     * Describes the calling key: name, environment, scopes granted and in force, subject-type restriction, expiry and
     * rate-limit policy, never the secret. Any valid key may call it, whatever its scopes.
     *
     * @return the calling key
     * @throws br.com.kycert.client.exception.AuthenticationException 401 for a missing, revoked or expired key
     * @throws KycertException for any other failure
     */
    public ApiKeyInfo me() {
        return me(RequestOptions.none());
    }

    /**
     * Describes the calling key (the client's, or the one in {@code options}).
     *
     * @param options overrides for this request; {@code null} means none
     * @return the calling key
     * @throws KycertException on failure
     */
    public ApiKeyInfo me(RequestOptions options) {
        return meWithResponse(options).data();
    }

    /**
     * Describes the calling key, with the response's metadata ({@link KycertResponse#rateLimit()}: the quota left).
     *
     * @param options overrides for this request; {@code null} means none
     * @return the key and the response's metadata
     * @throws KycertException on failure
     */
    public KycertResponse<ApiKeyInfo> meWithResponse(RequestOptions options) {
        return requestor.send(
                "GET",
                RequestOptions.orNone(options),
                null,
                (api, headers) -> new br.com.kycert.client.api.KeysApi(api).getCurrentKeyWithHttpInfo(null, headers));
    }
}
