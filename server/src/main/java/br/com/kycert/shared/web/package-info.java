/**
 * The HTTP edge shared by every route: problem+json for every error, request ids, API versions, content negotiation, strict request reading and the spec served as written.
 */
package br.com.kycert.shared.web;
