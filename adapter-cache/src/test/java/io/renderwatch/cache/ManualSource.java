package io.renderwatch.cache;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.JobStatusSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A source whose every request is a future that the test completes by hand. */
final class ManualSource implements JobStatusSource {

  /** One request: which job, and the future the test completes. */
  record Request(JobId id, CompletableFuture<JobSnapshot> answer) {}

  final List<Request> requests = new CopyOnWriteArrayList<>();

  @Override
  public CompletableFuture<JobSnapshot> fetch(JobId id) {
    CompletableFuture<JobSnapshot> answer = new CompletableFuture<>();
    requests.add(new Request(id, answer));
    return answer;
  }

  /** The only request so far. */
  Request only() {
    if (requests.size() != 1) {
      throw new AssertionError("expected one request but got " + requests.size());
    }
    return requests.get(0);
  }

  /** The latest request. */
  Request last() {
    return requests.get(requests.size() - 1);
  }
}
