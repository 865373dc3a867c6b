package br.com.kycert.cli;

import br.com.kycert.keys.Scope;
import br.com.kycert.shared.Environment;
import br.com.kycert.shared.SubjectType;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The values options accept, taken from their one definition, for help texts
 * ({@code ${COMPLETION-CANDIDATES}}) and shell completion.
 */
final class Candidates {

    private Candidates() {}

    static final class Environments implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Environment.values()).map(Environment::value).iterator();
        }
    }

    static final class SubjectTypes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(SubjectType.values()).map(SubjectType::value).iterator();
        }
    }

    static final class Scopes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Scope.allowedValues().iterator();
        }
    }
}
