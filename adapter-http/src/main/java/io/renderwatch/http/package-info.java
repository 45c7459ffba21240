/**
 * The Pictory jobs endpoint ({@code GET /pictoryapis/v1/jobs/{jobid}}) as a core
 * {@link io.renderwatch.core.port.JobStatusSource}; {@link io.renderwatch.http.PictoryHttpSource}
 * is the only public type.
 *
 * <p>Nothing here accepts or returns null unless a parameter says so. Retrofit, Moshi and OkHttp
 * types stay package-private, except the caller's own {@code OkHttpClient} handed to the builder.
 */
package io.renderwatch.http;
