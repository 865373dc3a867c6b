package br.com.kycert.runs;

import java.time.Instant;

/** One source check of a run as stored. {@code raw} is the stored JSON payload or null. */
record SourceCheckRecord(
        String source,
        boolean required,
        int timeoutMs,
        String status,
        String outcome,
        int attempts,
        Long latencyMs,
        long cost,
        Instant startedAt,
        Instant completedAt,
        String error,
        String raw) {}
