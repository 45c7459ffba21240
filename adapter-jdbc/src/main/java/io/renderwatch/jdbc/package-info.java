/**
 * The durable result cache on jOOQ: {@link io.renderwatch.jdbc.JdbcStores} opens an H2 file (the
 * default), an H2 in-memory database (tests) or a shared PostgreSQL database, migrates its schema,
 * and hands out core's {@link io.renderwatch.core.port.JobStore} and
 * {@link io.renderwatch.core.port.WatchRegistry} over it.
 *
 * <p>Everything else in this package, and the generated table classes in
 * {@code io.renderwatch.jdbc.schema}, is an implementation detail. Nothing here returns or accepts
 * null unless a parameter says so.
 */
package io.renderwatch.jdbc;
