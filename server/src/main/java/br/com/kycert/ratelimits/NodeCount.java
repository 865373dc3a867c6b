package br.com.kycert.ratelimits;

/** How many API nodes share the limits right now (1 when this process is not a registered API node). */
interface NodeCount {
    int liveNodes();
}
