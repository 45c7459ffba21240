package io.renderwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar carries Renderwatch's licence, the merged notices, and a licence text for every
 * third-party component it bundles, each listed in META-INF/THIRD-PARTY.txt: the list matches
 * what the build's CycloneDX SBOM says went in.
 */
class LicenceInventoryIT {

  private static final Path JAR = Path.of(System.getProperty("renderwatch.jar",
      "target/renderwatch.jar"));
  private static final Pattern PURL = Pattern.compile(
      "\"purl\"\\s*:\\s*\"pkg:maven/([^/\"]+)/([^@\"]+)@([^?\"]+)");

  @Test
  void everyBundledComponentIsListedWithItsLicenceText() throws IOException {
    Path sbom = JAR.resolveSibling("bom.json");
    assertThat(sbom).as("the CycloneDX SBOM that 'package' writes (the plugin skips it when"
        + " Maven runs offline: run without -o)").exists();
    Set<String> bundled = new TreeSet<>();
    Matcher purls = PURL.matcher(Files.readString(sbom));
    while (purls.find()) {
      if (!purls.group(1).equals("io.renderwatch")) {
        bundled.add(purls.group(1) + ":" + purls.group(2) + ":" + purls.group(3));
      }
    }

    try (JarFile jar = new JarFile(JAR.toFile())) {
      Map<String, String> listed = new TreeMap<>();
      for (String line : read(jar, "META-INF/THIRD-PARTY.txt").split("\n")) {
        String[] parts = line.split(" \\| ");
        if (parts.length == 3 && !line.startsWith("(")) {
          listed.put(parts[0].strip(), parts[2].strip());
        }
      }
      assertThat(listed.keySet()).as("META-INF/THIRD-PARTY.txt against the SBOM")
          .containsExactlyInAnyOrderElementsOf(bundled);
      for (Map.Entry<String, String> entry : listed.entrySet()) {
        assertThat(jar.getEntry(entry.getValue())).as("licence text of " + entry.getKey())
            .isNotNull();
      }
      assertThat(read(jar, "META-INF/LICENSE")).as("Renderwatch's own licence")
          .isEqualTo(Files.readString(Path.of("..", "LICENSE")));
      assertThat(read(jar, "META-INF/NOTICE")).contains("Renderwatch", "THIRD-PARTY.txt");
      assertThat(read(jar, "META-INF/licenses/BSD-2-Clause-pgjdbc.txt"))
          .contains("PostgreSQL Global Development Group");
      assertThat(jar.getEntry(
          "META-INF/licenses/com.ongres.scram/scram-client-3.2/META-INF/LICENSE")).isNotNull();
    }
  }

  private static String read(JarFile jar, String name) throws IOException {
    ZipEntry entry = jar.getEntry(name);
    assertThat(entry).as(name + " in " + JAR).isNotNull();
    try (InputStream in = jar.getInputStream(entry)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
