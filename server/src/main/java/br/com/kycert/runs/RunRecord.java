package br.com.kycert.runs;

import br.com.kycert.shared.Environment;
import java.time.Instant;
import java.util.UUID;

/** A run as stored. {@code reasons} is the stored JSON array. */
record RunRecord(
        UUID id,
        UUID tenantId,
        Environment environment,
        UUID templateId,
        int templateVersion,
        String subjectType,
        String subjectDoc,
        String subjectName,
        String externalId,
        String status,
        String decision,
        String completeness,
        boolean complianceAlert,
        String reasons,
        String ruleResults,
        long creditsCharged,
        long wouldCharge,
        UUID createdByKey,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt) {}
