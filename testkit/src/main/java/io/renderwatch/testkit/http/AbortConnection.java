package io.renderwatch.testkit.http;

import java.io.IOException;

/** Thrown out of the handler so that the JDK server closes the connection without more. */
final class AbortConnection extends IOException {
  AbortConnection() {
    super("connection cut on purpose");
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
