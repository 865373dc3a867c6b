/**
 * API key authentication at the HTTP edge: the key read from either header, verified by {@code keys}, turned into the scopes in force, with every request audited and its key's last use tracked.
 */
package br.com.kycert.auth;
