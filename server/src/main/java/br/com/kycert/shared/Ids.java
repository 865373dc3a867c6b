package br.com.kycert.shared;

import jakarta.inject.Singleton;
import java.util.UUID;

/** Id generation, injectable so tests can pin it. Random (v4) UUIDs: ids reveal no order or volume. */
@Singleton
public class Ids {

    public UUID next() {
        return UUID.randomUUID();
    }
}
