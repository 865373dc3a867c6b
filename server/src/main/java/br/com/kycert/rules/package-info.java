/**
 * The decision rules: how the checks of a run grade into a decision with reasons, shared by runs (to decide) and templates (to re-grade).
 */
package br.com.kycert.rules;
