/**
 * The dashboard at {@code /dashboard}: server-rendered pages for brokerage staff and kycert support,
 * on the same services as the API and the CLI. Its own sign-in sessions (cookie, digest stored),
 * CSRF synchronizer tokens, security headers and HTML error pages; it never touches the API-key
 * authentication of {@code /api/**}.
 */
package br.com.kycert.dashboard;
