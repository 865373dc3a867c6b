/**
 * kycert support's decisions on a tenant's {@code detail:read} approval: finding a tenant, and
 * granting or withdrawing the approval with a reason. Only support staff may; tenants see each
 * decision in their audit log.
 */
package br.com.kycert.approvals;
