package io.renderwatch.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /events}: Server-Sent Events, {@code event: job} with the job object on every change.
 * Each stream is a queue written one chunk at a time from Jetty's callbacks: no thread waits.
 */
final class EventStream {

  /** Events a slow client may fall behind by before it is dropped (it reconnects and catches up). */
  static final int MAX_QUEUED = 2_000;

  private final JobFeed feed;
  private final Set<Client> clients = ConcurrentHashMap.newKeySet();

  EventStream(JobFeed feed) {
    this.feed = feed;
  }

  void open(Request request, Response response, Callback callback) {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("X-Accel-Buffering", "no");
    Client client = new Client(response, callback);
    clients.add(client);
    request.addFailureListener(client::fail);
    client.send("retry: 2000\n\n");
    for (JobFeed.Latest latest : feed.recent()) {
      if (!latest.ended()) {
        client.accept(latest.json());
      }
    }
    feed.subscribe(client);
  }

  /** Keeps idle streams open through proxies and finds the clients that went away. */
  void heartbeat() {
    for (Client client : clients) {
      client.send(": keep-alive\n\n");
    }
  }

  int size() {
    return clients.size();
  }

  /** Ends every stream normally (the server is stopping). */
  void closeAll() {
    for (Client client : clients) {
      client.finish();
    }
  }

  /** One open stream. */
  private final class Client implements Consumer<String> {
    private final Response response;
    private final Callback done;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean writing;
    private boolean closed;

    Client(Response response, Callback done) {
      this.response = response;
      this.done = done;
    }

    @Override
    public void accept(String json) {
      send("event: job\ndata: " + json + "\n\n");
    }

    void send(String chunk) {
      synchronized (this) {
        if (closed) {
          return;
        }
        if (queue.size() >= MAX_QUEUED) {
          closed = true;
        } else {
          queue.add(chunk);
          if (writing) {
            return;
          }
          writing = true;
        }
      }
      if (isClosed()) {
        end(new IllegalStateException("the client fell too far behind"));
        return;
      }
      writeNext();
    }

    private synchronized boolean isClosed() {
      return closed;
    }

    private void writeNext() {
      String next;
      synchronized (this) {
        next = queue.poll();
        if (next == null || closed) {
          writing = false;
          return;
        }
      }
      response.write(false, ByteBuffer.wrap(next.getBytes(StandardCharsets.UTF_8)),
          Callback.from(this::writeNext, this::fail));
    }

    void fail(Throwable error) {
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
      }
      end(error);
    }

    void finish() {
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
      }
      feed.unsubscribe(this);
      clients.remove(this);
      response.write(true, ByteBuffer.allocate(0), done);
    }

    private void end(Throwable error) {
      feed.unsubscribe(this);
      clients.remove(this);
      done.failed(error);
    }
  }
}
