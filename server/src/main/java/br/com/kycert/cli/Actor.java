package br.com.kycert.cli;

/** Who runs an operator command, for the audit log. */
final class Actor {

    private Actor() {}

    static String current(String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            return explicit.strip();
        }
        return "operator:" + System.getProperty("user.name", "unknown");
    }
}
