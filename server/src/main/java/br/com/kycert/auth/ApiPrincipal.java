package br.com.kycert.auth;

import br.com.kycert.shared.Environment;
import br.com.kycert.shared.SubjectType;
import br.com.kycert.shared.TenantScope;
import io.micronaut.security.authentication.Authentication;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who is calling: the key (id and name), its tenant and environment, the scopes in force and the
 * optional subject-type restriction. Built only from the authenticated key, never from the request.
 */
public record ApiPrincipal(
        UUID keyId,
        String keyName,
        UUID tenantId,
        Environment environment,
        Collection<String> scopes,
        SubjectType subjectType) {

    static final String TENANT = "tenant_id";
    static final String KEY_NAME = "key_name";
    static final String ENVIRONMENT = "environment";
    static final String SUBJECT_TYPE = "subject_type";

    /** Whether an authentication is an API key's (a dashboard session's is not). */
    public static boolean isApiKey(Authentication authentication) {
        return authentication.getAttributes().containsKey(TENANT);
    }

    public static ApiPrincipal of(Authentication authentication) {
        Map<String, Object> a = authentication.getAttributes();
        return new ApiPrincipal(
                UUID.fromString(authentication.getName()),
                (String) a.get(KEY_NAME),
                UUID.fromString((String) a.get(TENANT)),
                Environment.of((String) a.get(ENVIRONMENT)),
                authentication.getRoles(),
                a.get(SUBJECT_TYPE) == null ? null : SubjectType.of((String) a.get(SUBJECT_TYPE)));
    }

    public TenantScope scope() {
        return new TenantScope(tenantId, environment);
    }

    /** The subject type this key is restricted to, if any. */
    public Optional<SubjectType> subjectRestriction() {
        return Optional.ofNullable(subjectType);
    }

    /** Whether this key may see a subject of the given type. */
    public boolean allows(SubjectType subject) {
        return subjectType == null || subjectType == subject;
    }
}
