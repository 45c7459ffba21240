package io.renderwatch.core.archfixture.leaky;

/** A deliberately bad class: core code that reaches for a third-party library. */
public final class UsesAssertj {
  private UsesAssertj() {}

  /** Uses AssertJ from "core". */
  public static void check() {
    org.assertj.core.api.Assertions.assertThat(1).isPositive();
  }
}
