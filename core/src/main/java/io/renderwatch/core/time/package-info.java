/** Time for the watch engine: a real scheduler and a virtual (discrete-event) one. */
package io.renderwatch.core.time;
