/**
 * The job object of CLI.md and SERVE.md as JSON, written in one place for the command's
 * {@code --json} lines and the service's answers and events.
 */
package io.renderwatch.core.json;
