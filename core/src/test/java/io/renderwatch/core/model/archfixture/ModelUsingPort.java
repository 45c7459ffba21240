package io.renderwatch.core.model.archfixture;

/** A deliberately bad class, in the model package (test sources only). */
public final class ModelUsingPort {
  private ModelUsingPort() {}

  /** Reaches from the model into a port. */
  public static io.renderwatch.core.port.JobStore store() {
    return new io.renderwatch.core.memory.InMemoryJobStore();
  }
}
