/** Time for the watch engine: the scheduler port and its real implementation. */
package io.renderwatch.core.time;
