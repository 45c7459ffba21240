package io.renderwatch.jdbc;

import static io.renderwatch.core.testing.Snapshots.at;
import static io.renderwatch.core.testing.Snapshots.completed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.port.StoreException;
import java.io.BufferedReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry point's factories: where files go, who may read them, and refusals of bad input. */
class JdbcStoresTest {

  @TempDir
  Path dir;

  @Test
  void theDefaultPathFollowsXdgThenTheHomeDirectory() {
    assertThat(JdbcStores.defaultH2Path(Map.of("XDG_DATA_HOME", "/data"), "/home/ann"))
        .isEqualTo(Path.of("/data/renderwatch/jobs"));
    assertThat(JdbcStores.defaultH2Path(Map.of(), "/home/ann"))
        .isEqualTo(Path.of("/home/ann/.local/share/renderwatch/jobs"));
    assertThat(JdbcStores.defaultH2Path(Map.of("XDG_DATA_HOME", "relative"), "/home/ann"))
        .as("a relative XDG_DATA_HOME is ignored, as the spec says")
        .isEqualTo(Path.of("/home/ann/.local/share/renderwatch/jobs"));
    assertThat(JdbcStores.defaultH2Path().endsWith(Path.of("renderwatch", "jobs"))).isTrue();
  }

  @Test
  void anH2FileAndTheDirectoriesItCreatesAreTheOwnersOnly() throws Exception {
    Path db = dir.resolve("a").resolve("b").resolve("jobs");
    try (JdbcStores stores = JdbcStores.h2File(db)) {
      JobId id = JobId.random();
      stores.jobStore().save(at(id, completed(id), 1));
    }
    assertThat(Files.getPosixFilePermissions(dir.resolve("a")))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(Files.getPosixFilePermissions(dir.resolve("a").resolve("b")))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(Files.getPosixFilePermissions(dir.resolve("a/b/jobs.mv.db")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    try (var files = Files.list(dir.resolve("a/b"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no trace or lock files, no server files").containsExactly("jobs.mv.db");
    }
  }

  @Test
  void aPathWithH2sSuffixNamesTheSameDatabase() {
    JobId id = JobId.random();
    try (JdbcStores stores = JdbcStores.h2File(dir.resolve("jobs"))) {
      stores.jobStore().save(at(id, completed(id), 1));
    }
    try (JdbcStores stores = JdbcStores.h2File(dir.resolve("jobs.mv.db"))) {
      assertThat(stores.jobStore().find(id)).isPresent();
    }
  }

  @Test
  void aPathThatCannotBeADirectoryIsRefusedClearly() throws Exception {
    Path file = Files.writeString(dir.resolve("plain-file"), "not a directory");

    assertThatThrownBy(() -> JdbcStores.h2File(file.resolve("jobs")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("Cannot create the database directory")
        .hasMessageContaining("choose");
    assertThat(Files.readString(file)).isEqualTo("not a directory");
  }

  @Test
  void anH2FileHeldByAnotherProcessIsRefusedClearly() throws Exception {
    Path db = dir.resolve("held").resolve("jobs");
    Process holder = ChildProcess.start("hold", db.toString());
    try (BufferedReader out = ChildProcess.output(holder);
        OutputStream in = holder.getOutputStream()) {
      assertThat(out.readLine()).isEqualTo("ready");

      assertThatThrownBy(() -> JdbcStores.h2File(db))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("in use by another process")
          .hasMessageContaining(db.toString());

      in.close();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      holder.destroyForcibly();
    }
    try (JdbcStores stores = JdbcStores.h2File(db)) {
      assertThat(stores.jobStore().findByKind(io.renderwatch.core.model.JobState.Kind.QUEUED, 1))
          .isEmpty();
    }
  }

  @Test
  void anUnsupportedUrlIsRefusedWithoutShowingSecrets() {
    assertThatThrownBy(() -> JdbcStores.jdbcUrl("jdbc:mysql://ann:s3cret@db/x?password=s3cret",
        "ann", "s3cret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unsupported database URL jdbc:mysql:")
        .hasMessageContaining("jdbc:postgresql://")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> JdbcStores.open("jdbc:h2:mem:x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("give the database file's path");
  }

  @Test
  void anUnreachablePostgresIsAClearErrorWithoutThePassword() {
    assertThatThrownBy(() -> JdbcStores.jdbcUrl(
        "jdbc:postgresql://127.0.0.1:1/renderwatch?password=s3cret&connectTimeout=2",
        "ann", "s3cret"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/renderwatch")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void redactsUserInfoAndParameters() {
    assertThat(Redaction.url("jdbc:postgresql://u:p@host:5432/db?password=p"))
        .isEqualTo("jdbc:postgresql://host:5432/db");
    assertThat(Redaction.url("jdbc:postgresql://host/db;password=p")).isEqualTo(
        "jdbc:postgresql://host/db");
  }

  @Test
  void refusesBadInMemoryNames() {
    assertThatThrownBy(() -> JdbcStores.h2InMemory("x;INIT=RUNSCRIPT FROM 'evil'"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCallersDataSourceIsUsedAndLeftOpen() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:callers;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    JobId id = JobId.random();
    try (JdbcStores stores = JdbcStores.dataSource(h2, JdbcStores.Dialect.H2)) {
      stores.jobStore().save(at(id, completed(id), 1));
    }
    try (JdbcStores stores = JdbcStores.dataSource(h2, JdbcStores.Dialect.H2)) {
      assertThat(stores.jobStore().find(id)).isPresent();
    }
    assertThatThrownBy(() -> JdbcStores.dataSource(h2, JdbcStores.Dialect.POSTGRESQL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not PostgreSQL");
  }

  @Test
  void aClosedStoreFailsWithAStoreException() {
    JdbcStores stores = JdbcStores.h2InMemory("closed");
    stores.close();
    assertThatThrownBy(() -> stores.jobStore().find(JobId.random()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("Could not read job");
  }
}
