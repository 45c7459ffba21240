/**
 * The driving web adapter of {@code renderwatch serve}: Pictory's webhook, the jobs API, Server-Sent
 * Events, the live dashboard and Prometheus metrics, on Jetty's core handlers. It calls core's use
 * cases only; Jetty and Micrometer stay inside this package.
 */
package io.renderwatch.web;
