package io.renderwatch.jdbc;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record5;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * A quick start for a database already checked by a build with these very scripts: the SHA-256
 * of this code's migration scripts and of Flyway's history rows, recorded after a full check
 * (migration V6). When both still match, Flyway's scan and validation are skipped; when anything
 * differs or cannot be read, the full check runs, so a skip never hides a difference.
 */
final class SchemaFingerprint {

  private static final String FOLDER = "db/migration/";
  private static final Table<Record> FINGERPRINT = table(name("schema_fingerprint"));
  private static final Field<Integer> ID = field(name("fingerprint_id"), SQLDataType.INTEGER);
  private static final Field<String> SCRIPTS = field(name("scripts_sha256"), SQLDataType.VARCHAR);
  private static final Field<String> HISTORY = field(name("history_sha256"), SQLDataType.VARCHAR);
  private static final Table<Record> FLYWAY = table(name(Migrations.HISTORY_TABLE));

  private static volatile String scripts;

  private SchemaFingerprint() {}

  /** Whether the database's recorded fingerprint is this code's scripts and its history now. */
  static boolean matches(DSLContext dsl) {
    try {
      Optional<String> ours = scripts();
      if (ours.isEmpty()) {
        return false;
      }
      Record recorded = dsl.select(SCRIPTS, HISTORY).from(FINGERPRINT).where(ID.eq(1)).fetchOne();
      return recorded != null && ours.get().equals(recorded.get(SCRIPTS))
          && history(dsl).equals(recorded.get(HISTORY));
    } catch (RuntimeException e) {
      return false; // no table yet, or unreadable: the full check decides
    }
  }

  /** Records what a full check just accepted; quietly does nothing if it cannot. */
  static void record(DSLContext dsl) {
    try {
      Optional<String> ours = scripts();
      if (ours.isEmpty()) {
        return;
      }
      String history = history(dsl);
      int updated = dsl.update(FINGERPRINT).set(SCRIPTS, ours.get()).set(HISTORY, history)
          .where(ID.eq(1)).execute();
      if (updated == 0) {
        // Another process inserting at the same moment makes this fail: its row serves as well.
        dsl.insertInto(FINGERPRINT, ID, SCRIPTS, HISTORY).values(1, ours.get(), history)
            .execute();
      }
    } catch (RuntimeException e) {
      // The next start takes the full check again.
    }
  }

  /** The SHA-256 of Flyway's history rows, in order. */
  private static String history(DSLContext dsl) {
    Field<Integer> rank = field(name("installed_rank"), SQLDataType.INTEGER);
    Field<String> version = field(name("version"), SQLDataType.VARCHAR);
    Field<String> type = field(name("type"), SQLDataType.VARCHAR);
    Field<Integer> checksum = field(name("checksum"), SQLDataType.INTEGER);
    Field<Boolean> success = field(name("success"), SQLDataType.BOOLEAN);
    MessageDigest digest = sha256();
    for (Record5<Integer, String, String, Integer, Boolean> row
        : dsl.select(rank, version, type, checksum, success).from(FLYWAY).orderBy(rank).fetch()) {
      digest.update((row.value1() + "|" + row.value2() + "|" + row.value3() + "|" + row.value4()
          + "|" + row.value5() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The SHA-256 of this code's scripts (names and bytes), empty when they cannot be listed. */
  static Optional<String> scripts() {
    String known = scripts;
    if (known != null) {
      return Optional.of(known);
    }
    try {
      MessageDigest digest = sha256();
      List<String> names = scriptNames();
      if (names.isEmpty()) {
        return Optional.empty();
      }
      ClassLoader loader = SchemaFingerprint.class.getClassLoader();
      for (String script : names) {
        try (InputStream in = loader.getResourceAsStream(FOLDER + script)) {
          if (in == null) {
            return Optional.empty();
          }
          digest.update((script + "\n").getBytes(StandardCharsets.UTF_8));
          digest.update(in.readAllBytes());
        }
      }
      scripts = HexFormat.of().formatHex(digest.digest());
      return Optional.of(scripts);
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static List<String> scriptNames() throws IOException, URISyntaxException {
    URL location = SchemaFingerprint.class.getProtectionDomain().getCodeSource().getLocation();
    Path where = Path.of(location.toURI());
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(where)) {
      Path folder = where.resolve(FOLDER);
      if (Files.isDirectory(folder)) {
        try (Stream<Path> files = Files.list(folder)) {
          files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql"))
              .forEach(names::add);
        }
      }
    } else {
      try (JarFile jar = new JarFile(where.toFile())) {
        for (JarEntry entry : Collections.list(jar.entries())) {
          String name = entry.getName();
          if (name.startsWith(FOLDER) && name.endsWith(".sql")
              && name.indexOf('/', FOLDER.length()) < 0) {
            names.add(name.substring(FOLDER.length()));
          }
        }
      }
    }
    Collections.sort(names);
    return names;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
