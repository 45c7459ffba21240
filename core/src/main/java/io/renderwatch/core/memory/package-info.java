/** In-memory implementations of the stores, for tests and for embedding without a database. */
package io.renderwatch.core.memory;
