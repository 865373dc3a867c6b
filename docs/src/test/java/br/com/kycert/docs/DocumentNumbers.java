package br.com.kycert.docs;

import java.util.Locale;

/** CPF and CNPJ check digits, written from the rules in runs.md, independently of the server. */
final class DocumentNumbers {

    private static final int[] CNPJ_WEIGHTS_1 = {5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
    private static final int[] CNPJ_WEIGHTS_2 = {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};

    private DocumentNumbers() {}

    /** Drops {@code . / -} and spaces, upper-cases. */
    static String canonical(String doc) {
        return doc.replaceAll("[./\\- ]", "").toUpperCase(Locale.ROOT);
    }

    static boolean validCpf(String doc) {
        String cpf = canonical(doc);
        if (!cpf.matches("\\d{11}") || cpf.chars().distinct().count() == 1) {
            return false;
        }
        for (int n = 9; n <= 10; n++) {
            int sum = 0;
            for (int i = 0; i < n; i++) {
                sum += (cpf.charAt(i) - '0') * (n + 1 - i);
            }
            if (cpf.charAt(n) - '0' != digit(sum)) {
                return false;
            }
        }
        return true;
    }

    /** Numeric or alphanumeric CNPJ: character value = ASCII − 48. */
    static boolean validCnpj(String doc) {
        String cnpj = canonical(doc);
        if (!cnpj.matches("[0-9A-Z]{12}\\d{2}") || cnpj.chars().distinct().count() == 1) {
            return false;
        }
        return weighted(cnpj, CNPJ_WEIGHTS_1) == cnpj.charAt(12) - '0'
                && weighted(cnpj, CNPJ_WEIGHTS_2) == cnpj.charAt(13) - '0';
    }

    private static int weighted(String cnpj, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (cnpj.charAt(i) - 48) * weights[i];
        }
        return digit(sum);
    }

    private static int digit(int sum) {
        int remainder = sum % 11;
        return remainder < 2 ? 0 : 11 - remainder;
    }
}
