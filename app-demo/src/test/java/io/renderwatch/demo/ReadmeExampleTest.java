package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
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
      "import io.renderwatch.core.memory.*;",
      "import io.renderwatch.core.model.*;",
      "import io.renderwatch.testkit.sim.*;",
      "import io.renderwatch.core.time.*;",
      "import java.time.*;");

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
        + "  public static void main(String[] args) throws Exception {\n" + blocks.get(0)
        + "\n  }\n}\n");
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    int status = compiler.run(null, null, null, "-classpath",
        System.getProperty("java.class.path"), "-d", dir.toString(), source.toString());
    assertThat(status).as("javac of the README sample").isZero();

    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
        getClass().getClassLoader())) {
      Method main = loader.loadClass("ReadmeSample").getMethod("main", String[].class);
      main.invoke(null, (Object) new String[0]);
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
