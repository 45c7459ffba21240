/**
 * The capacity planner behind {@code renderwatch plan}: a synthetic workload of render jobs
 * ({@link io.renderwatch.demo.plan.Workload}) run through the real engine in virtual time against
 * a simulated, rate-limited account ({@link io.renderwatch.demo.plan.Planner}), summed up as the
 * figures a team needs to choose {@code --rate} and intervals ({@link io.renderwatch.demo.plan.Plan}).
 *
 * <p>Streams its jobs and forgets each once it is seen, so a million of them fit in a small heap.
 * Nothing here returns or accepts null.
 */
package io.renderwatch.demo.plan;
