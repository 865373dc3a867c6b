/**
 * The operator CLI (picocli, in the server jar): one command per process, worded for a terminal from the services' domain answers.
 */
package br.com.kycert.cli;
