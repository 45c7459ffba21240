package io.renderwatch.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Reads each response body completely, but never more than the cap: a declared length over the
 * cap is refused before reading, and a body without one is counted while it streams in. The
 * response goes on with the buffered body, so nothing after this point can read more. Runs as an
 * application interceptor, after OkHttp has un-gzipped the body, so the cap is on the real size.
 */
final class BodyLimitInterceptor implements Interceptor {

  private static final long SEGMENT = 8192;

  private final long maxBytes;

  BodyLimitInterceptor(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    ResponseBody body = response.body();
    if (body == null) {
      return response;
    }
    try (ResponseBody original = body) {
      if (original.contentLength() > maxBytes) {
        throw tooLarge(response);
      }
      BufferedSource source = original.source();
      Buffer buffer = new Buffer();
      while (source.read(buffer, SEGMENT) != -1) {
        if (buffer.size() > maxBytes) {
          buffer.clear();
          throw tooLarge(response);
        }
      }
      ResponseBody copy = ResponseBody.create(original.contentType(), buffer.size(), buffer);
      return response.newBuilder().body(copy).build();
    }
  }

  private ResponseTooLargeException tooLarge(Response response) {
    return new ResponseTooLargeException(response.code(), response.header("Content-Type"),
        response.header("Retry-After"), maxBytes);
  }
}
