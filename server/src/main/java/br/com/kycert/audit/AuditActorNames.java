package br.com.kycert.audit;

import java.util.Map;
import java.util.Set;

/**
 * Names the actors of audit entries for people ({@code user:<id>} → an e-mail address). The audit
 * log stores stable ids; whoever owns the accounts says what to call them.
 */
@FunctionalInterface
public interface AuditActorNames {

    /** Names for those of {@code actors} it knows; the others are left out. */
    Map<String, String> names(Set<String> actors);
}
