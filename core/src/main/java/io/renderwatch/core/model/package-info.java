/**
 * The job model: identities, states, snapshots and the lifecycle that orders them.
 *
 * <p>Nothing here is null: absent values are empty {@link java.util.Optional}s or empty
 * strings, as each type documents.
 */
package io.renderwatch.core.model;
