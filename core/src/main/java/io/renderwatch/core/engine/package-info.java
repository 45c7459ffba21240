/**
 * The watch engine and its facade, {@link io.renderwatch.core.engine.RenderWatch}: polls jobs
 * within the provider's bounds, aims at predicted completion, and shares one request budget.
 *
 * <p>Inside, one lock guards small collaborators that decide without doing any I/O:
 * {@code Cadence} (next poll, ETA, backoff), {@code Verdicts} (what a failed poll means: end all,
 * end this job, retry, pause all), {@code Dispatch} (due queue, budget, in-flight cap, pause) and
 * {@code Leases} (what this engine holds in the registry). {@code Engine} and {@code Polls} make
 * every store, registry and network call outside the lock and apply the result under it
 * afterwards; {@code Events} runs listeners and completes callers' futures on the scheduler's
 * thread, one at a time, in the order decided. Events reach listeners as
 * {@link io.renderwatch.core.engine.WatchEvent}, a sealed type with one record per kind.
 */
package io.renderwatch.core.engine;
