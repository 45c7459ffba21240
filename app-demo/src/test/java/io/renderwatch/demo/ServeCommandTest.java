package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s bad usage: exit 2, one clear line, nothing opened or sent. */
class ServeCommandTest {

  @TempDir
  Path dir;

  private Runs.Result serve(Map<String, String> env, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "serve";
    all[1] = "--db";
    all[2] = dir.resolve("jobs").toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return Runs.run(env, all);
  }

  @Test
  void aNonLoopbackBindNeedsAToken() {
    Runs.Result result = serve(Map.of(), "--bind", "0.0.0.0", "--api-key", Runs.KEY);

    assertThat(result.code()).as(result.toString()).isEqualTo(2);
    assertThat(result.errLines()).hasSize(1);
    assertThat(result.err()).contains("--token").contains("RENDERWATCH_TOKEN");
    assertThat(dir.resolve("jobs.mv.db")).doesNotExist();
  }

  @Test
  void badValuesAreRefusedWithoutShowingSecrets() {
    Runs.Result secret = serve(Map.of(), "--webhook-secret", "has/slash and space", "--api-key",
        Runs.KEY);
    Runs.Result token = serve(Map.of("RENDERWATCH_TOKEN", "tab\there"), "--api-key", Runs.KEY);
    Runs.Result port = serve(Map.of(), "--port", "70000", "--api-key", Runs.KEY);
    Runs.Result noKey = serve(Map.of());
    Runs.Result publicUrl = serve(Map.of(), "--public-url", "ftp://x", "--api-key", Runs.KEY);

    assertThat(secret.code()).isEqualTo(2);
    assertThat(secret.err()).contains("webhook secret").doesNotContain("has/slash");
    assertThat(token.code()).isEqualTo(2);
    assertThat(token.err()).contains("--token").doesNotContain("tab");
    assertThat(port.code()).isEqualTo(2);
    assertThat(port.err()).contains("--port 70000");
    assertThat(noKey.code()).isEqualTo(2);
    assertThat(noKey.err()).contains("PICTORY_API_KEY");
    assertThat(publicUrl.code()).isEqualTo(2);
    assertThat(dir.resolve("jobs.mv.db")).doesNotExist();
  }
}
