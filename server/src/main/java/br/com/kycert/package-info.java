/**
 * The kycert server jar: {@code serve} runs the API (and the dashboard), any other command is the operator CLI.
 */
package br.com.kycert;
