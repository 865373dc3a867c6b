package br.com.kycert.runs;

import br.com.kycert.shared.SubjectType;
import java.util.Locale;
import java.util.Optional;

/**
 * CPF and CNPJ: canonical form, check digits (alphanumeric CNPJ included, IN RFB 2.229/2024) and
 * masking. A document never leaves this class in full except as the canonical value to store.
 */
public final class Documents {

    private static final int[] CNPJ_WEIGHTS_1 = {5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
    private static final int[] CNPJ_WEIGHTS_2 = {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};

    private Documents() {}

    /** Strips only {@code . / -} and spaces, and upper-cases. */
    public static String canonical(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '.' && c != '/' && c != '-' && c != ' ') {
                out.append(c);
            }
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    /** Why a canonical CPF is invalid, or empty when it is valid. */
    public static Optional<String> cpfError(String cpf) {
        if (cpf.length() != 11 || !cpf.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of("A CPF has 11 digits.");
        }
        if (cpf.chars().allMatch(c -> c == cpf.charAt(0))) {
            return Optional.of("A CPF cannot have all digits equal.");
        }
        for (int n = 9; n <= 10; n++) {
            int sum = 0;
            for (int i = 0; i < n; i++) {
                sum += (cpf.charAt(i) - '0') * (n + 1 - i);
            }
            int remainder = sum % 11;
            int digit = remainder < 2 ? 0 : 11 - remainder;
            if (cpf.charAt(n) - '0' != digit) {
                return Optional.of("The CPF check digits do not match.");
            }
        }
        return Optional.empty();
    }

    /** Why a canonical CNPJ is invalid, or empty when it is valid. */
    public static Optional<String> cnpjError(String cnpj) {
        if (cnpj.length() != 14) {
            return Optional.of("A CNPJ has 14 characters.");
        }
        for (int i = 0; i < 12; i++) {
            char c = cnpj.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
                return Optional.of("The first 12 characters of a CNPJ are digits or letters.");
            }
        }
        if (!Character.isDigit(cnpj.charAt(12)) || !Character.isDigit(cnpj.charAt(13))) {
            return Optional.of("The last 2 characters of a CNPJ are check digits.");
        }
        if (cnpj.chars().allMatch(c -> c == cnpj.charAt(0))) {
            return Optional.of("A CNPJ cannot have all characters equal.");
        }
        if (checkDigit(cnpj, CNPJ_WEIGHTS_1) != cnpj.charAt(12) - '0'
                || checkDigit(cnpj, CNPJ_WEIGHTS_2) != cnpj.charAt(13) - '0') {
            return Optional.of("The CNPJ check digits do not match.");
        }
        return Optional.empty();
    }

    private static int checkDigit(String cnpj, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (cnpj.charAt(i) - 48) * weights[i];
        }
        int remainder = sum % 11;
        return remainder < 2 ? 0 : 11 - remainder;
    }

    /** A masked, display-only form: {@code ***.000.001-**} or {@code **.CTS.T01/****-**}. */
    public static String mask(SubjectType subjectType, String canonical) {
        if (subjectType == SubjectType.PF && canonical.length() == 11) {
            return "***." + canonical.substring(3, 6) + "." + canonical.substring(6, 9) + "-**";
        }
        if (subjectType == SubjectType.PJ && canonical.length() == 14) {
            return "**." + canonical.substring(2, 5) + "." + canonical.substring(5, 8) + "/****-**";
        }
        return "*".repeat(Math.max(0, canonical.length()));
    }
}
