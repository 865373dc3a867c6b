/**
 * The persistence edge shared by features: choosing and creating the database (embedded PostgreSQL included), SQL helpers and polling loops.
 */
package br.com.kycert.shared.jdbc;
