/**
 * The watch engine and its facade, {@link io.renderwatch.core.engine.RenderWatch}: polls jobs
 * within the provider's bounds, aims at predicted completion, and shares one request budget.
 */
package io.renderwatch.core.engine;
