/**
 * An HTTP server that answers the bureau source protocol with the fixture scenarios, for tests and local live mode.
 */
package br.com.kycert.emulator;
