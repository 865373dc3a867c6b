package br.com.kycert.sources;

/** What a source is asked about: a subject's type, canonical document and name. */
public record SourceQuery(String subjectType, String doc, String name, int timeoutMs) {}
