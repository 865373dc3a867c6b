/**
 * Rate limits: per-key and tenant-wide token buckets (bucket4j) in memory, each node taking its share of every quota by
 * the live node count from a heartbeat, the RateLimit headers and the 429 answer.
 */
package br.com.kycert.ratelimits;
