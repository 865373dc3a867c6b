/**
 * The tenant's audit log: who did what to which key, template, member or approval, and the batched record of every API request (accepted or refused with its reason).
 */
package br.com.kycert.audit;
