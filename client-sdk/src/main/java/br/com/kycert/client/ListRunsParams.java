package br.com.kycert.client;

import br.com.kycert.client.model.Decision;
import br.com.kycert.client.model.RunStatus;
import br.com.kycert.client.model.SubjectType;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The filters and page settings of {@link KycertClient#listRuns(ListRunsParams)}. Immutable and thread-safe;
 * every value is optional ({@code null} means "not sent").
 *
 * <pre>{@code
 * ListRunsParams params = ListRunsParams.builder()
 *         .status(RunStatus.COMPLETED)
 *         .decision(Decision.REVIEW)
 *         .limit(100)
 *         .build();
 * }</pre>
 */
public final class ListRunsParams {

    private static final ListRunsParams NONE = new Builder().build();

    private final Integer limit;
    private final String cursor;
    private final RunStatus status;
    private final Decision decision;
    private final String externalId;
    private final UUID templateId;
    private final SubjectType subjectType;
    private final OffsetDateTime createdAfter;
    private final OffsetDateTime createdBefore;

    private ListRunsParams(Builder b) {
        this.limit = b.limit;
        this.cursor = b.cursor;
        this.status = b.status;
        this.decision = b.decision;
        this.externalId = b.externalId;
        this.templateId = b.templateId;
        this.subjectType = b.subjectType;
        this.createdAfter = b.createdAfter;
        this.createdBefore = b.createdBefore;
    }

    /**
     * No filters, the server's default page size, the first page.
     *
     * @return the empty parameters
     */
    public static ListRunsParams none() {
        return NONE;
    }

    /**
     * Starts building parameters.
     *
     * @return a new builder with nothing set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts building parameters from these, e.g. to ask for the next page with {@code .cursor(...)}.
     *
     * @return a new builder holding this object's values
     */
    public Builder toBuilder() {
        return new Builder()
                .limit(limit)
                .cursor(cursor)
                .status(status)
                .decision(decision)
                .externalId(externalId)
                .templateId(templateId)
                .subjectType(subjectType)
                .createdAfter(createdAfter)
                .createdBefore(createdBefore);
    }

    /**
     * Runs per page (the server accepts 1–100 and defaults to 20).
     *
     * @return the page size, or {@code null} for the server's default
     */
    public Integer getLimit() {
        return limit;
    }

    /**
     * The {@code next_cursor} of the previous page.
     *
     * @return the cursor, or {@code null} for the first page
     */
    public String getCursor() {
        return cursor;
    }

    /**
     * Only runs in this status.
     *
     * @return the status filter, or {@code null}
     */
    public RunStatus getStatus() {
        return status;
    }

    /**
     * Only completed runs with this decision.
     *
     * @return the decision filter, or {@code null}
     */
    public Decision getDecision() {
        return decision;
    }

    /**
     * Only runs created with this {@code external_id}.
     *
     * @return the external id filter, or {@code null}
     */
    public String getExternalId() {
        return externalId;
    }

    /**
     * Only runs created from this template.
     *
     * @return the template filter, or {@code null}
     */
    public UUID getTemplateId() {
        return templateId;
    }

    /**
     * Only runs on this type of subject.
     *
     * @return the subject type filter, or {@code null}
     */
    public SubjectType getSubjectType() {
        return subjectType;
    }

    /**
     * Only runs created at or after this instant.
     *
     * @return the lower bound, or {@code null}
     */
    public OffsetDateTime getCreatedAfter() {
        return createdAfter;
    }

    /**
     * Only runs created strictly before this instant.
     *
     * @return the upper bound, or {@code null}
     */
    public OffsetDateTime getCreatedBefore() {
        return createdBefore;
    }

    /**
     * Describes the parameters.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "ListRunsParams[limit=" + limit + ", cursor=" + cursor + ", status=" + status + ", decision="
                + decision + ", externalId=" + externalId + ", templateId=" + templateId + ", subjectType="
                + subjectType + ", createdAfter=" + createdAfter + ", createdBefore=" + createdBefore + "]";
    }

    /** Builds {@link ListRunsParams}. Not thread-safe. Ranges are left to the server to check. */
    public static final class Builder {

        private Integer limit;
        private String cursor;
        private RunStatus status;
        private Decision decision;
        private String externalId;
        private UUID templateId;
        private SubjectType subjectType;
        private OffsetDateTime createdAfter;
        private OffsetDateTime createdBefore;

        private Builder() {}

        /**
         * Sets how many runs per page.
         *
         * @param limit 1–100, or {@code null} for the server's default (20)
         * @return this builder
         */
        public Builder limit(Integer limit) {
            this.limit = limit;
            return this;
        }

        /**
         * Asks for the page after the one that returned this {@code next_cursor}. Opaque: never build one
         * yourself. {@link KycertClient#listRunsAutoPaging(ListRunsParams)} follows cursors for you.
         *
         * @param cursor a {@code next_cursor}, or {@code null} for the first page
         * @return this builder
         */
        public Builder cursor(String cursor) {
            this.cursor = cursor;
            return this;
        }

        /**
         * Only runs in this status.
         *
         * @param status the status, or {@code null} for any
         * @return this builder
         */
        public Builder status(RunStatus status) {
            this.status = status;
            return this;
        }

        /**
         * Only completed runs with this decision.
         *
         * @param decision the decision, or {@code null} for any
         * @return this builder
         */
        public Builder decision(Decision decision) {
            this.decision = decision;
            return this;
        }

        /**
         * Only runs created with this {@code external_id}.
         *
         * @param externalId your reference, or {@code null} for any
         * @return this builder
         */
        public Builder externalId(String externalId) {
            this.externalId = externalId;
            return this;
        }

        /**
         * Only runs created from this template.
         *
         * @param templateId the template's id, or {@code null} for any
         * @return this builder
         */
        public Builder templateId(UUID templateId) {
            this.templateId = templateId;
            return this;
        }

        /**
         * Only runs on this type of subject.
         *
         * @param subjectType {@code PF} or {@code PJ}, or {@code null} for both
         * @return this builder
         */
        public Builder subjectType(SubjectType subjectType) {
            this.subjectType = subjectType;
            return this;
        }

        /**
         * Only runs created at or after this instant.
         *
         * @param createdAfter the inclusive lower bound, or {@code null}
         * @return this builder
         */
        public Builder createdAfter(OffsetDateTime createdAfter) {
            this.createdAfter = createdAfter;
            return this;
        }

        /**
         * Only runs created strictly before this instant.
         *
         * @param createdBefore the exclusive upper bound, or {@code null}
         * @return this builder
         */
        public Builder createdBefore(OffsetDateTime createdBefore) {
            this.createdBefore = createdBefore;
            return this;
        }

        /**
         * Builds the parameters.
         *
         * @return the immutable parameters
         */
        public ListRunsParams build() {
            return new ListRunsParams(this);
        }
    }
}
