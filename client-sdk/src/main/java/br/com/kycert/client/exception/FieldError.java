package br.com.kycert.client.exception;

import java.io.Serializable;

/**
 * One offending field or parameter of a rejected request: an entry of the problem's {@code errors} array.
 *
 * <p>This is the immutable, exception-side counterpart of the spec's {@code FieldError} schema (the generated
 * {@code br.com.kycert.client.model.FieldError} is a mutable bean). Any component may be {@code null} when the
 * server omitted it.
 *
 * @param field the JSON path of the offending field (e.g. {@code subject.doc}) or the name of the parameter
 * @param code a stable machine code for this field's problem (e.g. {@code invalid_document})
 * @param message a human-readable explanation
 * @serial exclude (serialised with its exception; the components above are its whole content)
 */
public record FieldError(String field, String code, String message) implements Serializable {}
