/**
 * Templates: which sources a tenant's runs check, for which subject type, and the rule outcomes they decide with.
 */
package br.com.kycert.templates;
