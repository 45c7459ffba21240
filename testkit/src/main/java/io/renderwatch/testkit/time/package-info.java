/** Virtual (discrete-event) time for the engine's tests, simulations and the planner. */
package io.renderwatch.testkit.time;
