package io.renderwatch.http;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.SourceException;
import io.renderwatch.core.port.SourceException.Kind;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * Completes one fetch's future from Retrofit's callback, on an OkHttp dispatcher thread, and
 * makes sure it completes with a snapshot or a {@link SourceException} and nothing else.
 */
final class FetchCallback implements Callback<ResponseBody> {

  private final JobId id;
  private final CompletableFuture<JobSnapshot> future;
  private final ResponseMapper mapper;
  private final Clock clock;

  FetchCallback(JobId id, CompletableFuture<JobSnapshot> future, ResponseMapper mapper,
      Clock clock) {
    this.id = id;
    this.future = future;
    this.mapper = mapper;
    this.clock = clock;
  }

  @Override
  public void onResponse(Call<ResponseBody> call, Response<ResponseBody> response) {
    Instant receivedAt = clock.instant();
    try (ResponseBody body = response.isSuccessful() ? response.body() : response.errorBody()) {
      // BodyLimitInterceptor has already read and capped the body: this reads memory only.
      String text = body == null ? null : body.string();
      HttpAnswer answer = new HttpAnswer(response.code(), response.headers().get("Content-Type"),
          response.headers().get("Retry-After"), text, false, receivedAt);
      future.complete(mapper.map(id, answer));
    } catch (SourceException e) {
      future.completeExceptionally(e);
    } catch (IOException e) {
      future.completeExceptionally(transport(call, e));
    } catch (RuntimeException | Error e) {
      future.completeExceptionally(unexpected(e));
      if (e instanceof Error error) {
        throw error;
      }
    }
  }

  @Override
  public void onFailure(Call<ResponseBody> call, Throwable t) {
    try {
      if (t instanceof ResponseTooLargeException tooLarge) {
        HttpAnswer answer = new HttpAnswer(tooLarge.code(), tooLarge.contentType(),
            tooLarge.retryAfter(), null, true, clock.instant());
        future.complete(mapper.map(id, answer)); // never returns normally without a body
      } else if (t instanceof IOException e) {
        future.completeExceptionally(transport(call, e));
      } else {
        future.completeExceptionally(unexpected(t));
      }
    } catch (SourceException e) {
      future.completeExceptionally(e);
    } catch (RuntimeException e) {
      future.completeExceptionally(unexpected(e));
    }
  }

  private SourceException transport(Call<ResponseBody> call, IOException e) {
    return TransportFailure.of(id, call.request().url(), e, call.isCanceled());
  }

  private SourceException unexpected(Throwable t) {
    return new SourceException(Kind.BAD_RESPONSE, "Unexpected failure handling the answer for job "
        + id + ": " + t.getClass().getName(), null, t);
  }
}
