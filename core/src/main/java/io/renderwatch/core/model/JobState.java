package io.renderwatch.core.model;

import java.util.Objects;

/**
 * What Pictory last said about a job: one of five immutable states.
 *
 * <p>{@link Completed}, {@link Failed} and {@link Cleaned} are terminal; the others are not.
 */
public sealed interface JobState
    permits JobState.Queued, JobState.Running, JobState.Completed, JobState.Failed,
        JobState.Cleaned, JobState.Unrecognized {

  /** The kind of a state, for switching on in Java 17. */
  enum Kind {
    /** Waiting; rendering has not started. */
    QUEUED,
    /** Being processed or rendered. */
    RUNNING,
    /** Done; the outputs are ready. */
    COMPLETED,
    /** Ended with a render error. */
    FAILED,
    /** The provider's retention ran out and the job's data is gone; it never reports a result. */
    CLEANED,
    /** A status this version does not know; not terminal. */
    UNRECOGNIZED;

    /** Whether a job in this kind of state can never change again. */
    public boolean isTerminal() {
      return this == COMPLETED || this == FAILED || this == CLEANED;
    }
  }

  /** This state's kind. */
  Kind kind();

  /** Whether the job has ended (completed, failed or cleaned away). */
  default boolean isTerminal() {
    return kind().isTerminal();
  }

  /** The shared queued state. */
  Queued QUEUED = new Queued();

  /** Waiting for rendering to start. */
  record Queued() implements JobState {
    @Override
    public Kind kind() {
      return Kind.QUEUED;
    }
  }

  /**
   * Rendering, with a percentage 0–100 and the provider's stage text.
   *
   * @param progress percentage, 0 to 100
   * @param message the provider's progress message, empty when absent
   * @param renderState the provider's render state (e.g. {@code RUNNING}), empty when absent
   */
  record Running(int progress, String message, String renderState) implements JobState {
    /** Validates the percentage and replaces absent texts by empty ones. */
    public Running {
      if (progress < 0 || progress > 100) {
        throw new IllegalArgumentException("progress must be 0..100 but was " + progress);
      }
      message = message == null ? "" : message;
      renderState = renderState == null ? "" : renderState;
    }

    @Override
    public Kind kind() {
      return Kind.RUNNING;
    }
  }

  /** Finished, with what the render produced. */
  record Completed(RenderOutput output) implements JobState {
    /** Requires the output. */
    public Completed {
      Objects.requireNonNull(output, "output == null");
    }

    @Override
    public Kind kind() {
      return Kind.COMPLETED;
    }
  }

  /**
   * Ended in a render error, as the provider reported it.
   *
   * @param errorCode the provider's error code, empty when absent
   * @param errorMessage the provider's error message, empty when absent
   */
  record Failed(String errorCode, String errorMessage) implements JobState {
    /** Replaces absent texts by empty ones. */
    public Failed {
      errorCode = errorCode == null ? "" : errorCode;
      errorMessage = errorMessage == null ? "" : errorMessage;
    }

    @Override
    public Kind kind() {
      return Kind.FAILED;
    }
  }

  /** The shared cleaned state. */
  Cleaned CLEANED = new Cleaned();

  /**
   * The provider cleaned the job away after its retention period (status {@code cleaned}): no
   * result will ever come. Terminal, but it never replaces a stored completed or failed result.
   */
  record Cleaned() implements JobState {
    @Override
    public Kind kind() {
      return Kind.CLEANED;
    }
  }

  /** A status string that this version does not know: reported, never terminal. */
  record Unrecognized(String status) implements JobState {
    /** Requires the status text. */
    public Unrecognized {
      Objects.requireNonNull(status, "status == null");
    }

    @Override
    public Kind kind() {
      return Kind.UNRECOGNIZED;
    }
  }
}
