package br.com.kycert.sources;

import br.com.kycert.shared.SubjectType;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a source is asked about: a subject's type, canonical document and name, within a time
 * budget. {@code attempts} counts the calls a source made (retries included) for the record.
 */
public record SourceQuery(
        SubjectType subjectType, String doc, String name, int timeoutMs, String requestId, AtomicInteger attempts) {

    public SourceQuery(SubjectType subjectType, String doc, String name, int timeoutMs) {
        this(subjectType, doc, name, timeoutMs, null, new AtomicInteger());
    }
}
