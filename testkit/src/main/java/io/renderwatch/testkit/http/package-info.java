/**
 * A real-time HTTP simulator of Pictory's jobs endpoint on the JDK's HTTP server, and the
 * scripted accounts it serves; both reuse core's one simulation model ({@code io.renderwatch.testkit.sim}).
 *
 * <p>Nothing here returns or accepts null unless a member says so.
 */
package io.renderwatch.testkit.http;
