/**
 * Tenants: the brokerages kycert serves, each owning its keys, templates, runs and staff.
 */
package br.com.kycert.tenants;
