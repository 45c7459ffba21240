package io.renderwatch.demo.reliability;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.renderwatch.core.engine.PollPolicy;
import io.renderwatch.core.engine.RenderWatch;
import io.renderwatch.core.model.JobId;
import io.renderwatch.core.port.SourceException;
import io.renderwatch.testkit.sim.Fault;
import io.renderwatch.testkit.sim.FaultPlan;
import io.renderwatch.testkit.sim.JobScript;
import io.renderwatch.testkit.sim.SimulatedAccount;
import io.renderwatch.testkit.http.PictorySimulator;
import io.renderwatch.http.PictoryHttpSource;
import io.renderwatch.jdbc.JdbcStores;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9's security checks that need the whole system; the HTTP adapter's own
 * {@code io.renderwatch.http.SecurityTest} covers redirects and header handling.
 */
class SecurityTest {

  static final String KEY = "pictai_s3cr3t_K3Y_9f8e7d6c5b4a";

  /** A redirect to another host drops the key: proven in the HTTP adapter, referenced here. */
  @Test
  void plainHttpToANonLoopbackHostIsRefusedBeforeAnyRequest() {
    for (String url : List.of("http://api.pictory.ai", "http://10.0.0.1:8080",
        "http://example.invalid/", "http://127.0.0.1.example.invalid")) {
      assertThatThrownBy(() -> PictoryHttpSource.builder().apiKey(KEY).baseUrl(url).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("plain http://")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    }
    try (PictoryHttpSource loopback = PictoryHttpSource.builder().apiKey(KEY)
        .baseUrl("http://127.0.0.1:9").build()) {
      assertThat(loopback.baseUrl()).startsWith("http://127.0.0.1");
    }
  }

  /** Path traversal and encoded slashes never become a job id, so no request is ever sent. */
  @ParameterizedTest
  @ValueSource(strings = {"../../etc/passwd", "..%2F..%2Fadmin", "%2e%2e%2f", "..", "a/b",
      "265a7c1a-4985-4058-9208-68114f131a2b/../other",
      "265a7c1a-4985-4058-9208-68114f131a2b%2F..",
      "265a7c1a-4985-4058-9208-68114f131a2b?x=1", "265a7c1a-4985-4058-9208-68114f131a2b#f",
      "265a7c1a-4985-4058-9208-68114f131a2b\u0000", "265a7c1a%2D4985-4058-9208-68114f131a2b",
      "265a7c1a-4985-4058-9208-68114f131a2b/", "/265a7c1a-4985-4058-9208-68114f131a2b",
      "\\..\\265a7c1a-4985-4058-9208-68114f131a2b", ""})
  void aJobIdIsValidatedBeforeAnyRequest(String attempt) {
    SimulatedAccount account = SimulatedAccount.builder().build();
    try (PictorySimulator simulator = PictorySimulator.builder().apiKey(KEY).account(account)
        .build();
        PictoryHttpSource http = PictoryHttpSource.builder().apiKey(KEY)
            .baseUrl(simulator.baseUrl().toString()).build()) {
      assertThatThrownBy(() -> http.fetch(JobId.parse(attempt)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(simulator.requestCount()).isZero();
    }
  }

  /** Database folders it creates are rwx------ and every file in them rw-------. */
  @Test
  @EnabledOnOs(OS.LINUX)
  void databaseFilesAndFoldersAreOwnerOnly() throws Exception {
    Path base = Files.createTempDirectory(Files.createDirectories(Path.of("target",
        "reliability")), "perm");
    Path db = base.resolve("a").resolve("b").resolve("jobs");
    try (JdbcStores stores = JdbcStores.h2File(db)) {
      JobId id = JobId.random();
      stores.jobStore().save(io.renderwatch.core.model.JobSnapshot.of(id,
          new io.renderwatch.core.model.JobState.Completed(JobScript.outputOf(id)), Instant.now()));
    }
    Set<PosixFilePermission> ownerOnlyDir = java.nio.file.attribute.PosixFilePermissions
        .fromString("rwx------");
    for (Path folder : List.of(base.resolve("a"), base.resolve("a").resolve("b"))) {
      assertThat(Files.getPosixFilePermissions(folder)).as("%s", folder).isEqualTo(ownerOnlyDir);
    }
    try (Stream<Path> files = Files.list(base.resolve("a").resolve("b"))) {
      List<Path> all = files.toList();
      assertThat(all).isNotEmpty();
      for (Path file : all) {
        assertThat(Files.getPosixFilePermissions(file)).as("%s", file).doesNotContain(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
      }
    }
  }

  /** No code references H2's TCP, PG or web servers, nor its console. */
  @Test
  void noCodeCanStartAnH2ServerOrConsole() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.renderwatch");
    assertThat(classes.size()).isGreaterThan(50);
    noClasses().should().dependOnClassesThat().resideInAnyPackage("org.h2.server..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.h2.tools.Server")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.h2.tools.Console")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.h2.tools.Shell")
        .because("no H2 TCP server or web console is ever started (issue 9)")
        .check(classes);
  }

  /**
   * At run time, with H2 files open and a watch running, the only listening socket this JVM owns
   * is the simulator's, and nothing answers on H2's default server ports from this process.
   */
  @Test
  @EnabledOnOs(OS.LINUX)
  void theOnlyListeningSocketIsTheSimulators() throws Exception {
    SimulatedAccount account = SimulatedAccount.builder().build();
    JobId id = account.submit(JobScript.completing(Duration.ZERO, Duration.ofMillis(200)),
        Instant.now());
    Path db = Files.createTempDirectory(Files.createDirectories(Path.of("target",
        "reliability")), "sock").resolve("jobs");
    try (PictorySimulator simulator = PictorySimulator.builder().apiKey(KEY).account(account)
            .build();
        JdbcStores stores = JdbcStores.h2File(db);
        PictoryHttpSource http = PictoryHttpSource.builder().apiKey(KEY)
            .baseUrl(simulator.baseUrl().toString()).build();
        RenderWatch watch = RenderWatch.builder().source(http).store(stores.jobStore())
            .registry(stores.watchRegistry())
            .policy(PollPolicy.builder().intervals(Duration.ofMillis(100),
                Duration.ofMillis(200)).build())
            .build()) {
      watch.watch(id).result().get(20, TimeUnit.SECONDS);
      assertThat(listeningPortsOfThisProcess()).containsExactly(simulator.port());
      for (int port : new int[] {9092, 8082, 5435}) {
        if (port != simulator.port()) {
          assertThat(listeningPortsOfThisProcess()).doesNotContain(port);
        }
      }
    }
  }

  /** Ports in LISTEN state whose socket inode is one of this process's open descriptors. */
  static Set<Integer> listeningPortsOfThisProcess() throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException e) {
          // Closed meanwhile.
        }
      }
    }
    Set<Integer> ports = new HashSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path path = Path.of(table);
      if (!Files.exists(path)) {
        continue;
      }
      // Read once: the table is the whole machine's and changes between two reads.
      List<String> rows = Files.readAllLines(path);
      for (String line : rows.subList(Math.min(1, rows.size()), rows.size())) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
          ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
        }
      }
    }
    return ports;
  }

  /** A 10 MiB answer is refused by the size cap as a bad response, the key nowhere in it. */
  @Test
  void theResponseSizeIsCapped() throws Exception {
    SimulatedAccount account = SimulatedAccount.builder()
        .faults(FaultPlan.always(Fault.of(Fault.Kind.HUGE_BODY))).build();
    JobId id = account.submit(JobScript.completing(Duration.ZERO, Duration.ZERO), Instant.now());
    try (PictorySimulator simulator = PictorySimulator.builder().apiKey(KEY).account(account)
            .build();
        PictoryHttpSource http = PictoryHttpSource.builder().apiKey(KEY)
            .baseUrl(simulator.baseUrl().toString()).build()) {
      assertThatThrownBy(() -> http.fetch(id).get(20, TimeUnit.SECONDS))
          .cause().isInstanceOf(SourceException.class)
          .satisfies(e -> assertThat(((SourceException) e).kind())
              .isEqualTo(SourceException.Kind.BAD_RESPONSE))
          .hasMessageContaining("maxResponseBytes");
    }
  }

  /** Sanity for the socket check itself: a socket we open to listen is seen. */
  @Test
  @EnabledOnOs(OS.LINUX)
  void theSocketCheckSeesAListeningSocket() throws Exception {
    try (java.net.ServerSocket s = new java.net.ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      assertThat(listeningPortsOfThisProcess()).contains(s.getLocalPort());
      try (Socket c = new Socket("127.0.0.1", s.getLocalPort())) {
        assertThat(c.isConnected()).isTrue();
      }
    }
  }
}
