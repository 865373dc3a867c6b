package br.com.kycert.keys;

import java.util.Locale;

/** The environment a key (and every run it creates or reads) belongs to. */
public enum KeyEnvironment {
    LIVE,
    SANDBOX;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KeyEnvironment of(String value) {
        return switch (value) {
            case "live" -> LIVE;
            case "sandbox" -> SANDBOX;
            default -> throw new IllegalArgumentException("environment must be live or sandbox");
        };
    }
}
