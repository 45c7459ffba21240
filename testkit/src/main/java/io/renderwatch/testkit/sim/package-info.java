/**
 * Simulated Pictory jobs: one script model ({@link io.renderwatch.testkit.sim.JobScript}, faults, a
 * rate-limited {@link io.renderwatch.testkit.sim.SimulatedAccount}) that drives the virtual-time
 * source here, the HTTP simulator of the command line, and the benchmarks.
 */
package io.renderwatch.testkit.sim;
