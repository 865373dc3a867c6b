package br.com.kycert.users;

import br.com.kycert.audit.AuditActorNames;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Names {@code user:<id>} and {@code support:<id>} audit actors by their e-mail address. */
@Singleton
final class UserActorNames implements AuditActorNames {

    private final UserRepository users;

    UserActorNames(UserRepository users) {
        this.users = users;
    }

    @Override
    public Map<String, String> names(Set<String> actors) {
        Map<UUID, String> byId = new LinkedHashMap<>();
        for (String actor : actors) {
            int colon = actor.indexOf(':');
            String kind = colon < 0 ? "" : actor.substring(0, colon);
            if (kind.equals("user") || kind.equals("support")) {
                try {
                    byId.put(UUID.fromString(actor.substring(colon + 1)), actor);
                } catch (IllegalArgumentException notAnId) {
                    // An operator-chosen --actor such as "user:maria": nothing to look up.
                }
            }
        }
        Map<String, String> out = new HashMap<>();
        users.emails(byId.keySet()).forEach((id, email) -> out.put(byId.get(id), email));
        return out;
    }
}
