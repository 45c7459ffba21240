package io.renderwatch.core.model;

/** What the lifecycle decided about one observation of a job. */
public enum Outcome {
  /** The first observation of the job, or a move to a later stage: store it. */
  ADVANCED(true),
  /** Still running, with more progress or a new stage text: store it. */
  PROGRESSED(true),
  /** Nothing new: keep what is stored. */
  UNCHANGED(false),
  /** An older stage than the one stored (e.g. queued after running, less progress): ignore it. */
  STALE(false),
  /** Contradicts a terminal result, or an unknown status after a known one: ignore and report. */
  ANOMALY(false);

  private final boolean replacesCurrent;

  Outcome(boolean replacesCurrent) {
    this.replacesCurrent = replacesCurrent;
  }

  /** Whether the observation becomes the job's current state. */
  public boolean replacesCurrent() {
    return replacesCurrent;
  }
}
