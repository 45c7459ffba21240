package io.renderwatch.http;

import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.GET;
import retrofit2.http.Path;

/**
 * The one endpoint, as Retrofit sees it. The path is relative so that a base URL with a path
 * prefix (a proxy) keeps it. The body is taken raw: {@link ResponseMapper} parses it, because the
 * raw text is kept in the snapshot and error bodies are inspected too.
 */
interface PictoryApi {

  /** Asks for one job; {@code jobId} is always {@code JobId.toString()}, a canonical UUID. */
  @GET("pictoryapis/v1/jobs/{jobid}")
  Call<ResponseBody> job(@Path("jobid") String jobId);
}
