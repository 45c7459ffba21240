/**
 * Caffeine decorators over core's ports: a {@link io.renderwatch.core.port.JobStore} that
 * memoizes terminal results in memory in front of any other store, and a
 * {@link io.renderwatch.core.port.JobStatusSource} that coalesces concurrent fetches of one job
 * into one request. Start at {@link io.renderwatch.cache.Caching}.
 *
 * <p>No public signature here mentions a Caffeine type. Nothing here returns or accepts null.
 */
package io.renderwatch.cache;
