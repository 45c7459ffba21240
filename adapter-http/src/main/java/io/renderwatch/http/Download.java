package io.renderwatch.http;

import io.renderwatch.core.archive.Checksums;
import io.renderwatch.core.archive.DiskException;
import io.renderwatch.core.archive.FetchException;
import io.renderwatch.core.archive.FileFetcher;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** One download of one file into its partial file: redirects, resume, length and checksum. */
final class Download {

  private static final int MAX_HOPS = 5;
  private static final int BUFFER = 1 << 17;
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

  private final OkHttpClient client;
  private final String userAgent;
  private final URI url;
  private final Path part;
  private final long maxBytes;
  private final FileFetcher.Progress progress;

  Download(OkHttpClient client, String userAgent, URI url, Path part, long maxBytes,
      FileFetcher.Progress progress) {
    this.client = client;
    this.userAgent = userAgent;
    this.url = url;
    this.part = part;
    this.maxBytes = maxBytes;
    this.progress = progress;
  }

  FileFetcher.Fetched run() throws FetchException, DiskException {
    try {
      FileFetcher.Fetched fetched = fetch();
      forgetValidator();
      return fetched;
    } catch (FetchException e) {
      if (e.kind() != FetchException.Kind.TRANSIENT) {
        forgetValidator();
      }
      throw e;
    } catch (DiskException e) {
      forgetValidator();
      throw e;
    }
  }

  private FileFetcher.Fetched fetch() throws FetchException, DiskException {
    HttpUrl current = allowed(url);
    long have = sizeOf(part);
    // What the first response said the file was: a resume asks for the rest only of that one.
    String validator = have > 0 ? readValidator() : null;
    for (int hop = 0; ; hop++) {
      if (hop > MAX_HOPS) {
        throw refused("more than " + MAX_HOPS + " redirects");
      }
      Request.Builder request = new Request.Builder().url(current)
          .header("User-Agent", userAgent)
          // No transparent gzip: the bytes counted, ranged and hashed are the file's own.
          .header("Accept-Encoding", "identity");
      if (have > 0) {
        request.header("Range", "bytes=" + have + "-");
        if (validator != null) {
          request.header("If-Range", validator);
        }
      }
      try (Response response = client.newCall(request.build()).execute()) {
        int code = response.code();
        if (response.isRedirect()) {
          current = redirect(current, response.header("Location"));
          continue;
        }
        if (code == 403 || code == 404 || code == 410) {
          throw new FetchException(FetchException.Kind.GONE, "the server answered HTTP " + code
              + " for " + shown(current) + ": the file is gone (purged by the CDN?)");
        }
        if (code == 416 && have > 0) {
          // Our partial file is no prefix of the server's: start again.
          delete();
          have = 0;
          continue;
        }
        if (code == 206) {
          long start = rangeStart(response.header("Content-Range"));
          String now = validatorOf(response);
          if (start != have || validator != null && now != null && !now.equals(validator)) {
            // Not the rest of the file we have (a server that ignored If-Range): start again.
            delete();
            have = 0;
            continue;
          }
        } else if (code == 200) {
          // The whole file: never asked for, or changed since the part was written (If-Range).
          have = 0;
          keepValidator(validatorOf(response));
        } else {
          throw new FetchException(FetchException.Kind.TRANSIENT, "the server answered HTTP "
              + code + " for " + shown(current));
        }
        return receive(response.body(), have);
      } catch (IOException e) {
        throw new FetchException(FetchException.Kind.TRANSIENT, "could not fetch "
            + shown(current) + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * What identifies this version of the file for {@code If-Range}: a strong {@code ETag}, else
   * {@code Last-Modified}; null when the server gave neither.
   */
  static String validatorOf(Response response) {
    String etag = response.header("ETag");
    if (etag != null && !etag.isBlank() && !etag.startsWith("W/")) {
      return etag.strip();
    }
    String modified = response.header("Last-Modified");
    return modified == null || modified.isBlank() ? null : modified.strip();
  }

  /** Where the first response's validator is kept beside the partial file, while it exists. */
  static Path validatorFile(Path part) {
    return part.resolveSibling(part.getFileName() + ".if-range");
  }

  private String readValidator() {
    try {
      String text = Files.readString(validatorFile(part), StandardCharsets.US_ASCII).strip();
      return text.isEmpty() || text.length() > 400 || !text.chars().allMatch(c -> c >= 0x20
          && c < 0x7f) ? null : text;
    } catch (IOException e) {
      // No validator (a server without one, or a part from an older version): plain Range.
      return null;
    }
  }

  private void keepValidator(String validator) throws DiskException {
    try {
      if (validator == null) {
        Files.deleteIfExists(validatorFile(part));
      } else {
        // Not forced: a part that outlives a crash of the machine resumes without it.
        Files.writeString(validatorFile(part), validator, StandardCharsets.US_ASCII);
      }
    } catch (IOException e) {
      throw diskFailure(e);
    }
  }

  private void forgetValidator() {
    try {
      Files.deleteIfExists(validatorFile(part));
    } catch (IOException e) {
      // A stale validator is replaced by the next fresh download's.
    }
  }

  private FileFetcher.Fetched receive(ResponseBody body, long have)
      throws FetchException, DiskException {
    long length = body.contentLength();
    long total = length < 0 ? -1 : have + length;
    if (total > maxBytes) {
      throw refused("the file is " + total + " bytes, more than the limit of " + maxBytes
          + " bytes; raise --max-bytes to archive it");
    }
    Path folder = part.toAbsolutePath().getParent();
    if (length > 0) {
      long free = usableSpace(folder);
      if (length > free) {
        throw new DiskException("Not enough space in " + folder + " for "
            + part.getFileName().toString().replaceAll("^\\.|\\.part$", "") + ": it needs "
            + length + " bytes, " + free + " are free; free some space or choose another --dir;"
            + " nothing was written");
      }
    }
    progress.length(total, have);
    MessageDigest digest = Checksums.sha256();
    try {
      if (have > 0) {
        Checksums.update(digest, part);
      }
    } catch (IOException e) {
      throw diskFailure(e);
    }
    long received = 0;
    try (FileChannel out = open(have > 0)) {
      byte[] buffer = new byte[BUFFER];
      ByteBuffer wrapped = ByteBuffer.wrap(buffer);
      try (InputStream in = body.byteStream()) {
        while (true) {
          int n;
          try {
            n = fill(in, buffer);
          } catch (IOException e) {
            force(out);
            String why = length >= 0 && received < length
                ? "the connection ended after " + received + " of the announced "
                    + length + " bytes (Content-Length)"
                : "the download broke off after " + received + " bytes: " + e.getMessage();
            throw new FetchException(FetchException.Kind.TRANSIENT, why, e);
          }
          if (n <= 0) {
            break;
          }
          if (have + received + n > maxBytes) {
            throw refused("the file is more than the limit of " + maxBytes
                + " bytes; raise --max-bytes to archive it");
          }
          digest.update(buffer, 0, n);
          wrapped.clear().limit(n);
          while (wrapped.hasRemaining()) {
            out.write(wrapped);
          }
          received += n;
          progress.received(n);
        }
      } catch (IOException e) {
        throw diskFailure(e);
      }
      if (length >= 0 && received != length) {
        throw new FetchException(FetchException.Kind.TRANSIENT, "received " + received
            + " bytes but the server announced " + length + " (Content-Length)");
      }
      out.force(true);
    } catch (IOException e) {
      throw diskFailure(e);
    }
    return new FileFetcher.Fetched(have + received, Checksums.hex(digest), received);
  }

  /**
   * Reads until the buffer is full or the body ends: OkHttp hands out at most 8 KiB per read, and
   * a write and a digest update per 8 KiB cost more system calls than the copy itself.
   */
  private static int fill(InputStream in, byte[] buffer) throws IOException {
    int filled = 0;
    while (filled < buffer.length) {
      int n = in.read(buffer, filled, buffer.length - filled);
      if (n < 0) {
        break;
      }
      filled += n;
    }
    return filled;
  }

  private FileChannel open(boolean append) throws DiskException {
    try {
      return append
          ? FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
          : FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw diskFailure(e);
    }
  }

  private static void force(FileChannel out) {
    try {
      out.force(false);
    } catch (IOException e) {
      // The next attempt re-reads the partial file anyway.
    }
  }

  private DiskException diskFailure(IOException e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (why.toLowerCase(Locale.ROOT).contains("no space")) {
      why = "the disk is full (" + why + ")";
    }
    return new DiskException("Cannot write " + part + ": " + why + "; free some space, fix the"
        + " folder's permissions, or choose another --dir", e);
  }

  private HttpUrl redirect(HttpUrl from, String location) throws FetchException {
    HttpUrl next = location == null ? null : from.resolve(location);
    if (next == null) {
      throw refused("a redirect without a usable Location from " + shown(from));
    }
    if (!next.isHttps()) {
      throw refused("the redirect from " + shown(from) + " to " + next.scheme() + "://"
          + next.host() + " was refused: only https:// redirects are followed");
    }
    return next;
  }

  /** The URL, if it may be fetched: https, or http to a loopback host. */
  static HttpUrl allowed(URI url) throws FetchException {
    HttpUrl parsed = HttpUrl.get(url);
    if (parsed == null) {
      throw new FetchException(FetchException.Kind.REFUSED, "not an http(s) URL: "
          + url.getScheme() + ":…; only https:// URLs are fetched");
    }
    if (!parsed.isHttps() && !PictoryHttpSource.isLoopback(parsed.host())) {
      throw new FetchException(FetchException.Kind.REFUSED, "not fetched: " + shown(parsed)
          + " is plain http to another machine; only https:// URLs (or http:// to this"
          + " machine) are fetched");
    }
    return parsed;
  }

  private static long rangeStart(String contentRange) {
    if (contentRange == null) {
      return -1;
    }
    Matcher m = CONTENT_RANGE.matcher(contentRange.strip());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  private static long sizeOf(Path file) throws DiskException {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      throw new DiskException("Cannot read " + file + ": " + e.getMessage()
          + "; fix the archive folder's permissions or choose another --dir", e);
    }
  }

  private static long usableSpace(Path folder) throws DiskException {
    try {
      return Files.getFileStore(folder).getUsableSpace();
    } catch (IOException e) {
      throw new DiskException("Cannot tell the free space in " + folder + ": " + e.getMessage()
          + "; choose another --dir", e);
    }
  }

  private void delete() throws DiskException {
    try {
      Files.deleteIfExists(part);
    } catch (IOException e) {
      throw new DiskException("Cannot remove " + part + ": " + e.getMessage()
          + "; fix the archive folder's permissions or choose another --dir", e);
    }
  }

  private static FetchException refused(String message) {
    return new FetchException(FetchException.Kind.REFUSED, message);
  }

  /** A URL for messages: scheme, host and path, never a query (it may hold a signature). */
  static String shown(HttpUrl url) {
    return url.scheme() + "://" + url.host() + (url.port() == HttpUrl.defaultPort(url.scheme())
        ? "" : ":" + url.port()) + url.encodedPath();
  }
}
