package io.renderwatch.demo;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Holds what libraries log to {@code System.err} until {@code serve} has printed its listening
 * line, which SERVE.md makes the first line on stderr, then passes everything through.
 */
final class HeldStderr extends OutputStream {

  private final PrintStream target;
  private final ByteArrayOutputStream held = new ByteArrayOutputStream();
  private boolean open;

  private HeldStderr(PrintStream target) {
    this.target = target;
  }

  /** Replaces {@code System.err} by a held stream in front of {@code target}. */
  static HeldStderr install(PrintStream target) {
    HeldStderr held = new HeldStderr(target);
    System.setErr(new PrintStream(held, true, java.nio.charset.StandardCharsets.UTF_8));
    return held;
  }

  /** Writes what was held and lets everything through from now on. */
  synchronized void release() {
    open = true;
    target.write(held.toByteArray(), 0, held.size());
    held.reset();
    target.flush();
  }

  @Override
  public synchronized void write(int b) {
    if (open) {
      target.write(b);
    } else {
      held.write(b);
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    if (open) {
      target.write(bytes, offset, length);
    } else {
      held.write(bytes, offset, length);
    }
  }

  @Override
  public synchronized void flush() {
    if (open) {
      target.flush();
    }
  }
}
