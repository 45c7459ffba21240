package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobId;
import io.renderwatch.jdbc.JdbcStores;
import io.renderwatch.testkit.http.PictorySimulator;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.SimulatedAccount;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Embedding" sample compiles and runs as written: it is extracted, not copied. */
class ReadmeExampleTest {

  private static final String IMPORTS = String.join("\n",
      "import io.renderwatch.core.engine.*;",
      "import io.renderwatch.core.model.*;",
      "import io.renderwatch.http.*;",
      "import io.renderwatch.jdbc.*;",
      "import java.nio.file.*;",
      "import java.time.*;");
  private static final String KEY = "pictai_readme_0123456789abcdef";

  @TempDir
  Path dir;

  @Test
  void theEmbeddingSampleCompilesAndRuns() throws Exception {
    String readme = Files.readString(readme());
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    assertThat(blocks).as("java blocks in README.md").isNotEmpty();

    Path source = dir.resolve("ReadmeSample.java");
    Files.writeString(source, IMPORTS + "\npublic class ReadmeSample {\n"
        + "  public static void main(String[] args) throws Exception {\n"
        + "    String apiKey = args[0], baseUrl = args[1], jobId = args[2];\n"
        + "    Path dbFile = Path.of(args[3]);\n" + blocks.get(0)
        + "\n  }\n}\n");
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    int status = compiler.run(null, null, null, "-classpath",
        System.getProperty("java.class.path"), "-d", dir.toString(), source.toString());
    assertThat(status).as("javac of the README sample").isZero();

    SimulatedAccount account = SimulatedAccount.builder().build();
    JobId id = account.submit(JobScript.completing(Duration.ZERO, Duration.ZERO),
        Instant.now().minusSeconds(1));
    Path db = dir.resolve("jobs");
    try (PictorySimulator simulator = PictorySimulator.builder().apiKey(KEY).port(0)
            .account(account).build();
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
            getClass().getClassLoader())) {
      Method main = loader.loadClass("ReadmeSample").getMethod("main", String[].class);
      main.invoke(null, (Object) new String[] {KEY, simulator.baseUrl().toString(),
          id.toString(), db.toString()});
      assertThat(simulator.served()).as("one request over real HTTP").hasSize(1);
    }
    try (JdbcStores stores = JdbcStores.h2File(db)) {
      assertThat(stores.jobStore().find(id)).as("the result is in the H2 file")
          .hasValueSatisfying(s -> assertThat(s.isTerminal()).isTrue());
    }
  }

  private static Path readme() throws IOException {
    String root = System.getProperty("project.root");
    Path candidate = root == null ? Path.of("..", "README.md") : Path.of(root, "README.md");
    if (!Files.exists(candidate)) {
      candidate = Path.of("README.md");
    }
    return candidate;
  }
}
