package io.renderwatch.http;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A network interceptor that removes {@code Authorization} from any request that is about to
 * leave the configured origin (scheme, host and port), whatever redirect or caller interceptor
 * sent it there. OkHttp 3.14 already drops the header on such redirects; this does not depend
 * on that.
 */
final class AuthorizationGuard implements Interceptor {

  private final HttpUrl origin;

  AuthorizationGuard(HttpUrl origin) {
    this.origin = origin;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (request.header("Authorization") != null && !sameOrigin(request.url())) {
      request = request.newBuilder().removeHeader("Authorization").build();
    }
    return chain.proceed(request);
  }

  private boolean sameOrigin(HttpUrl url) {
    return url.scheme().equals(origin.scheme())
        && url.host().equals(origin.host())
        && url.port() == origin.port();
  }
}
