/**
 * The driven ports: where job states come from ({@link io.renderwatch.core.port.JobStatusSource})
 * and where they are kept ({@link io.renderwatch.core.port.JobStore},
 * {@link io.renderwatch.core.port.WatchRegistry}). Adapters implement them.
 *
 * <p>Nothing here returns or accepts null unless a parameter says so.
 */
package io.renderwatch.core.port;
