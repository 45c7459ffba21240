package io.renderwatch.bench.jmh;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.http.PictoryHttpSource;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A completed body of the jobs endpoint turned into a {@link JobSnapshot} through the public
 * {@link PictoryHttpSource#fetch} path, with the network replaced by an OkHttp interceptor that
 * answers from memory and a dispatcher that runs the call on the caller's thread.
 *
 * <p>The Moshi decoding is package-private inside adapter-http; rather than open a seam for the
 * benchmark, this measures the closest public path: Retrofit's call, the adapter's interceptors
 * (headers, body limit), reading the body, Moshi decoding and mapping to core's model. Decoding
 * alone is cheaper than this figure.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodeBenchmark {

  static final JobId JOB = new JobId(UUID.fromString("265a7c1a-4985-4058-9208-68114f131a2b"));

  /** A completed body in the shape of API.md, with an extra field as Pictory sends. */
  static final String COMPLETED = "{\"job_id\":\"" + JOB + "\",\"success\":true,\"data\":{"
      + "\"status\":\"completed\",\"progress\":100,"
      + "\"videoURL\":\"https://cdn.example.test/renders/" + JOB + "/video.mp4\","
      + "\"videoShareURL\":\"https://video.example.test/share/" + JOB + "\","
      + "\"videoEmbedURL\":\"https://video.example.test/embed/" + JOB + "\","
      + "\"audioURL\":\"https://cdn.example.test/renders/" + JOB + "/audio.mp3\","
      + "\"thumbnail\":\"https://cdn.example.test/renders/" + JOB + "/thumbnail.jpg\","
      + "\"srtFile\":\"https://cdn.example.test/renders/" + JOB + "/subtitles.srt\","
      + "\"txtFile\":\"https://cdn.example.test/renders/" + JOB + "/transcript.txt\","
      + "\"vttFile\":\"https://cdn.example.test/renders/" + JOB + "/subtitles.vtt\","
      + "\"videoDuration\":63.5,\"encodingDuration\":41.2,\"aiCreditsUsed\":3}}";

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private PictoryHttpSource source;

  @Setup
  public void open() {
    OkHttpClient stub = new OkHttpClient.Builder()
        .dispatcher(new Dispatcher(new CallerRuns()))
        .addInterceptor(chain -> new Response.Builder()
            .request(chain.request())
            .protocol(Protocol.HTTP_1_1)
            .code(200)
            .message("OK")
            .body(ResponseBody.create(JSON, COMPLETED))
            .build())
        .build();
    source = PictoryHttpSource.builder().apiKey("pictai_bench").baseUrl("http://127.0.0.1:9/")
        .okHttpClient(stub).build();
  }

  @TearDown
  public void close() {
    source.close();
  }

  /** Fetches (from memory) and decodes one completed job. */
  @Benchmark
  public JobSnapshot fetchCompleted() {
    return source.fetch(JOB).join();
  }

  /** Runs every task at once on the submitting thread. */
  static final class CallerRuns extends AbstractExecutorService {
    @Override
    public void execute(Runnable command) {
      command.run();
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }
}
