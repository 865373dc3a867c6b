package br.com.kycert.sources;

import java.util.Map;

/**
 * One data source ("bureau"). Implementations answer the raw payload of the source for a subject;
 * they decide nothing: the run's rules read the payload. Throwing {@link SourceFailure} (or
 * anything else) marks the check failed; taking longer than the check's timeout marks it timed out.
 */
public interface BureauSource {

    /** The catalogue id, e.g. {@code receita_cpf}. */
    String id();

    /** Queries the source. */
    Map<String, Object> query(SourceQuery query) throws Exception;
}
