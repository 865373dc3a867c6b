package br.com.kycert.client;

import java.time.Duration;

/** Waits between retries. Injectable so tests do not actually wait. */
@FunctionalInterface
interface Sleeper {

    /** The real one. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
