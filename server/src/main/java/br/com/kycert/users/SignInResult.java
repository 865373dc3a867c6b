package br.com.kycert.users;

import java.time.Instant;

/** The answer to a sign-in: the account signed in, or why not. */
public sealed interface SignInResult permits SignInResult.Success, SignInResult.Refused {

    /** Why a sign-in was refused. */
    enum Refusal {
        /**
         * Unknown e-mail or wrong password; deliberately one answer, so it never says which addresses
         * have accounts.
         */
        BAD_CREDENTIALS,
        /**
         * Too many failures for this e-mail address or from this client address; counted for unknown
         * addresses too, so a lockout reveals nothing either.
         */
        LOCKED,
        /** The password was right; the account has TOTP and no code was given. Ask for one. */
        TOTP_REQUIRED,
        /** The password was right, the TOTP code was not (or was already used). Counts as a failure. */
        TOTP_WRONG
    }

    record Success(SignedIn principal) implements SignInResult {}

    /** @param retryAfter for {@link Refusal#LOCKED}: when the lockout ends; null otherwise */
    record Refused(Refusal reason, Instant retryAfter) implements SignInResult {}
}
