package io.renderwatch.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Adds the three headers the API asks for. An application interceptor, so that it runs once per
 * call, before OkHttp follows redirects: OkHttp drops {@code Authorization} when a redirect
 * leaves the origin, and {@link AuthorizationGuard} makes sure of it.
 */
final class RequestHeadersInterceptor implements Interceptor {

  private final ApiKey key;
  private final String userAgent;

  RequestHeadersInterceptor(ApiKey key, String userAgent) {
    this.key = key;
    this.userAgent = userAgent;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    return chain.proceed(chain.request().newBuilder()
        .header("Authorization", key.value())
        .header("Accept", "application/json")
        .header("User-Agent", userAgent)
        .build());
  }

  @Override
  public String toString() {
    return "RequestHeadersInterceptor[key=redacted, userAgent=" + userAgent + "]";
  }
}
