package io.renderwatch.http;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;

/** A CDN on MockWebServer: serves files by path, with or without Range, and some faults. */
final class FileServer extends Dispatcher {

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  final Map<String, byte[]> files = new ConcurrentHashMap<>();
  final Map<String, Integer> statuses = new ConcurrentHashMap<>();
  final Map<String, String> redirects = new ConcurrentHashMap<>();
  final Set<String> shortBodies = ConcurrentHashMap.newKeySet();
  /** Announced whole, sent up to the middle (all of that half arrives), then hung up. */
  final Set<String> cutBodies = ConcurrentHashMap.newKeySet();
  final Set<String> chunked = ConcurrentHashMap.newKeySet();
  final AtomicLong bodyBytesSent = new AtomicLong();
  volatile boolean honourRange = true;
  /** Whether each answer names its file's version in a strong {@code ETag}. */
  volatile boolean etags;
  /** Whether a {@code Range} with an {@code If-Range} of another version gets the whole file. */
  volatile boolean honourIfRange = true;

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    if (redirects.containsKey(path)) {
      return new MockResponse().setResponseCode(302).setHeader("Location", redirects.get(path));
    }
    if (statuses.containsKey(path)) {
      return new MockResponse().setResponseCode(statuses.get(path));
    }
    byte[] file = files.get(path);
    if (file == null) {
      return new MockResponse().setResponseCode(404);
    }
    MockResponse answer = answer(request, path, file);
    return etags ? answer.setHeader("ETag", etagOf(file)) : answer;
  }

  /** A strong entity tag of the file's bytes. */
  static String etagOf(byte[] file) {
    return "\"" + Integer.toHexString(java.util.Arrays.hashCode(file)) + "\"";
  }

  private MockResponse answer(RecordedRequest request, String path, byte[] file) {
    if (shortBodies.contains(path)) {
      // Announces the whole file but sends half of it, then hangs up.
      int half = file.length / 2;
      bodyBytesSent.addAndGet(half);
      return new MockResponse().setBody(new Buffer().write(file, 0, half))
          .setHeader("Content-Length", file.length)
          .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY);
    }
    if (cutBodies.contains(path)) {
      int half = file.length / 2;
      bodyBytesSent.addAndGet(half);
      return new MockResponse().setBody(new Buffer().write(file, 0, half))
          .setHeader("Content-Length", file.length)
          .setSocketPolicy(SocketPolicy.DISCONNECT_AT_END);
    }
    if (chunked.contains(path)) {
      // No Content-Length: the size is known only at the end.
      bodyBytesSent.addAndGet(file.length);
      return new MockResponse().setChunkedBody(new Buffer().write(file), 64 * 1024);
    }
    String range = request.getHeader("Range");
    String ifRange = request.getHeader("If-Range");
    if (ifRange != null && etags && honourIfRange && !ifRange.equals(etagOf(file))) {
      range = null; // RFC 9110: another version than the client's: the whole file
    }
    Matcher m = range == null ? null : RANGE.matcher(range);
    if (honourRange && m != null && m.matches()) {
      int start = Integer.parseInt(m.group(1));
      if (start >= file.length) {
        return new MockResponse().setResponseCode(416)
            .setHeader("Content-Range", "bytes */" + file.length);
      }
      bodyBytesSent.addAndGet(file.length - start);
      return new MockResponse().setResponseCode(206)
          .setHeader("Content-Range", "bytes " + start + "-" + (file.length - 1) + "/"
              + file.length)
          .setBody(new Buffer().write(file, start, file.length - start));
    }
    bodyBytesSent.addAndGet(file.length);
    return new MockResponse().setBody(new Buffer().write(file));
  }
}
