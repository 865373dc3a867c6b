package br.com.kycert.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(new PasswordConfiguration(19456, 2, 1));

    @Test
    void hashesWithArgon2idInPhcFormAndARandomSalt() {
        String first = hasher.hash("correct horse battery staple");
        String second = hasher.hash("correct horse battery staple");
        assertThat(first).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(first).isNotEqualTo(second).doesNotContain("correct horse");
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash("senha-do-João-€-2026");
        assertThat(hasher.verify("senha-do-João-€-2026", hash)).isTrue();
        assertThat(hasher.verify("senha-do-Joao-€-2026", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
        assertThat(hasher.verify("senha-do-João-€-2026", "not a hash")).isFalse();
        assertThat(hasher.verifyNothing("senha-do-João-€-2026")).isFalse();
    }

    @Test
    void oldParametersStillVerifyAndAreMarkedForRehashing() {
        PasswordHasher older = new PasswordHasher(new PasswordConfiguration(8192, 1, 1));
        String hash = older.hash("a password from last year");
        assertThat(hasher.verify("a password from last year", hash)).isTrue();
        assertThat(hasher.outdated(hash)).isTrue();
        assertThat(hasher.outdated(hasher.hash("a password from today"))).isFalse();
    }
}
