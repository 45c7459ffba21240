package io.renderwatch.testkit.http;

import com.sun.net.httpserver.HttpExchange;
import io.renderwatch.core.archive.OutputFile;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobState;
import io.renderwatch.core.model.RenderOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CDN for the simulator: serves each completed job's output files on loopback, at
 * {@code /files/<job id>/<field>}, with {@code Range}, and purges them (404) a retention time
 * after their links were first handed out. The bytes are generated from the job and field, so
 * every download of the same file is the same, and cost no memory.
 */
public final class OutputFiles {

  /** Where the files are served, under the simulator's base URL. */
  static final String PATH = "/files/";

  private static final int BLOCK = 1 << 16;
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
  private static final Pattern FILE_PATH = Pattern.compile(
      "/files/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/(\\w+)");

  private final Map<OutputFile, Long> sizes;
  private final Duration retention;
  private final long bytesPerSecond;
  private final boolean honourRange;
  private final Clock clock;
  private final Map<JobId, Instant> handedOut = new ConcurrentHashMap<>();
  private final AtomicLong bytesServed = new AtomicLong();
  private final AtomicLong filesServed = new AtomicLong();

  private OutputFiles(Builder b) {
    this.sizes = Map.copyOf(b.sizes);
    this.retention = b.retention;
    this.bytesPerSecond = b.bytesPerSecond;
    this.honourRange = b.honourRange;
    this.clock = b.clock;
  }

  /** Starts a builder: a 2 MiB video, a 256 KiB audio, small others, kept for ever. */
  public static Builder builder() {
    return new Builder();
  }

  /** The size of a served output file. */
  public long size(OutputFile file) {
    return sizes.get(file);
  }

  /** The exact bytes served for a job's output, for tests to compare with. */
  public byte[] content(JobId id, OutputFile file) {
    byte[] block = block(id, file);
    byte[] out = new byte[Math.toIntExact(size(file))];
    for (int i = 0; i < out.length; i++) {
      out[i] = block[i % BLOCK];
    }
    return out;
  }

  /** How many body bytes were sent in all (ranges count only what was sent). */
  public long bytesServed() {
    return bytesServed.get();
  }

  /** How many file responses (200 or 206) were started. */
  public long filesServed() {
    return filesServed.get();
  }

  /** The completed state with its downloadable links pointing here; other states unchanged. */
  JobState rewrite(JobId id, JobState state, URI base) {
    if (!(state instanceof JobState.Completed completed)) {
      return state;
    }
    handedOut.putIfAbsent(id, clock.instant());
    RenderOutput o = completed.output();
    String prefix = base + PATH + id + "/";
    RenderOutput.Builder b = RenderOutput.builder();
    o.videoShareUrl().ifPresent(b::videoShareUrl);
    o.videoEmbedUrl().ifPresent(b::videoEmbedUrl);
    o.videoDuration().ifPresent(b::videoDuration);
    o.encodingDuration().ifPresent(b::encodingDuration);
    o.videoUrl().ifPresent(u -> b.videoUrl(URI.create(prefix + OutputFile.VIDEO.field())));
    o.audioUrl().ifPresent(u -> b.audioUrl(URI.create(prefix + OutputFile.AUDIO.field())));
    o.thumbnail().ifPresent(u -> b.thumbnail(URI.create(prefix + OutputFile.THUMBNAIL.field())));
    o.srtFile().ifPresent(u -> b.srtFile(URI.create(prefix + OutputFile.SRT.field())));
    o.vttFile().ifPresent(u -> b.vttFile(URI.create(prefix + OutputFile.VTT.field())));
    o.txtFile().ifPresent(u -> b.txtFile(URI.create(prefix + OutputFile.TXT.field())));
    return new JobState.Completed(b.build());
  }

  /** Whether a request path is one of these files'. */
  static boolean handles(String path) {
    return path.startsWith(PATH);
  }

  /**
   * Serves one file request: 200, 206 (a {@code Range}, unless an {@code If-Range} names another
   * version than its {@code ETag}), 404 (unknown or purged), 416 or 405.
   */
  void serve(HttpExchange exchange, String path) throws IOException {
    Matcher m = FILE_PATH.matcher(path);
    Optional<OutputFile> file = m.matches() ? OutputFile.ofField(m.group(2)) : Optional.empty();
    JobId id = file.isPresent() ? JobId.parse(m.group(1)) : null;
    Instant since = id == null ? null : handedOut.get(id);
    if (file.isEmpty() || since == null
        || (retention != null && clock.instant().isAfter(since.plus(retention)))) {
      empty(exchange, 404);
      return;
    }
    if (!"GET".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "GET");
      empty(exchange, 405);
      return;
    }
    long size = size(file.get());
    long start = 0;
    long end = size - 1;
    int status = 200;
    String range = exchange.getRequestHeaders().getFirst("Range");
    String etag = "\"" + id + "-" + file.get().field() + "-" + size + "\"";
    String ifRange = exchange.getRequestHeaders().getFirst("If-Range");
    if (ifRange != null && !ifRange.strip().equals(etag)) {
      range = null; // RFC 9110: the client has another version: it gets the whole file
    }
    Matcher r = range == null || !honourRange ? null : RANGE.matcher(range.strip());
    exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
    // The content is a function of the job, the output and the size: so is its version.
    exchange.getResponseHeaders().set("ETag", etag);
    if (honourRange) {
      exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
    }
    if (r != null && r.matches()) {
      start = Long.parseLong(r.group(1));
      if (!r.group(2).isEmpty()) {
        end = Math.min(end, Long.parseLong(r.group(2)));
      }
      if (start >= size || start > end) {
        exchange.getResponseHeaders().set("Content-Range", "bytes */" + size);
        empty(exchange, 416);
        return;
      }
      status = 206;
      exchange.getResponseHeaders().set("Content-Range",
          "bytes " + start + "-" + end + "/" + size);
    }
    filesServed.incrementAndGet();
    long length = end - start + 1;
    exchange.sendResponseHeaders(status, length);
    byte[] block = block(id, file.get());
    byte[] chunk = new byte[BLOCK];
    long sent = 0;
    long began = System.nanoTime();
    try (OutputStream out = exchange.getResponseBody()) {
      while (sent < length) {
        int n = (int) Math.min(BLOCK, length - sent);
        int offset = (int) ((start + sent) % BLOCK);
        int first = Math.min(n, BLOCK - offset);
        System.arraycopy(block, offset, chunk, 0, first);
        System.arraycopy(block, 0, chunk, first, n - first);
        out.write(chunk, 0, n);
        sent += n;
        bytesServed.addAndGet(n);
        pace(sent, began);
      }
    }
  }

  /** With a rate set, waits until the bytes sent so far are due. */
  private void pace(long sent, long began) throws IOException {
    if (bytesPerSecond <= 0) {
      return;
    }
    long dueNanos = sent * 1_000_000_000L / bytesPerSecond;
    long wait = dueNanos - (System.nanoTime() - began);
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
  }

  private static void empty(HttpExchange exchange, int status) throws IOException {
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private static byte[] block(JobId id, OutputFile file) {
    byte[] block = new byte[BLOCK];
    new Random(id.value().getLeastSignificantBits() * 31 + file.ordinal()).nextBytes(block);
    return block;
  }

  /** Configures {@link OutputFiles}. */
  public static final class Builder {
    private final Map<OutputFile, Long> sizes = new EnumMap<>(OutputFile.class);
    private Duration retention;
    private long bytesPerSecond;
    private boolean honourRange = true;
    private Clock clock = Clock.systemUTC();

    private Builder() {
      sizes.put(OutputFile.VIDEO, 2L << 20);
      sizes.put(OutputFile.AUDIO, 256L << 10);
      sizes.put(OutputFile.THUMBNAIL, 24L << 10);
      sizes.put(OutputFile.SRT, 3_000L);
      sizes.put(OutputFile.VTT, 3_100L);
      sizes.put(OutputFile.TXT, 1_500L);
    }

    /** The size of one output's files (at most 2 GiB), e.g. 50 MiB videos for benchmarks. */
    public Builder size(OutputFile file, long bytes) {
      Objects.requireNonNull(file, "file == null");
      if (bytes < 1 || bytes > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("size must be 1 to 2^31-1 bytes but was " + bytes);
      }
      sizes.put(file, bytes);
      return this;
    }

    /** Purges a job's files this long after its links were first handed out (default never). */
    public Builder retention(Duration value) {
      retention = Objects.requireNonNull(value, "retention == null");
      return this;
    }

    /** Sends each file at most this fast (default: as fast as the machine goes). */
    public Builder bytesPerSecond(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("bytesPerSecond must be >= 0 but was " + value);
      }
      bytesPerSecond = value;
      return this;
    }

    /** Whether {@code Range} requests are answered with 206 (default) or ignored (200). */
    public Builder honourRange(boolean value) {
      honourRange = value;
      return this;
    }

    /** The clock of the retention (default: the system's). */
    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock == null");
      return this;
    }

    /** Returns the CDN, to pass to {@link PictorySimulator.Builder#files}. */
    public OutputFiles build() {
      return new OutputFiles(this);
    }
  }
}
