package br.com.kycert.support;

import br.com.kycert.users.UserSessionsRevoker;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records which accounts' sessions the user service asked to revoke (enabled per test server). */
@Singleton
@Requires(property = "kycert.test.record-session-revocations", value = "true")
public class RecordingSessionsRevoker implements UserSessionsRevoker {

    /** One request to revoke an account's sessions. */
    public record Revocation(UUID userId, String reason) {}

    private final List<Revocation> revocations = new CopyOnWriteArrayList<>();

    @Override
    public void revokeSessions(UUID userId, String reason) {
        revocations.add(new Revocation(userId, reason));
    }

    public List<Revocation> revocations() {
        return List.copyOf(revocations);
    }
}
