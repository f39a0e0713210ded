package dev.kg.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Runs Neo4j Community in-process with Bolt on 127.0.0.1, for development and tests.
 *
 * <p>Usage: {@code Main <homeDir> <boltPort> <pluginDir> [pageCacheMiB]}. Prints {@code NEO4J_READY
 * bolt://127.0.0.1:PORT} once the default database is available, or {@code NEO4J_FAILED reason} and
 * exits 1. It shuts Neo4j down cleanly when standard input closes (the parent exited) or on
 * SIGTERM/SIGINT, so a dying parent never leaves an orphaned JVM holding the store lock.
 */
public final class Main {
  private static final String HOST = "127.0.0.1";

  private Main() {}

  public static void main(String[] args) {
    if (args.length < 3) {
      System.out.println("NEO4J_FAILED usage: <homeDir> <boltPort> <pluginDir> [pageCacheMiB]");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    Path pluginDir = Path.of(args[2]).toAbsolutePath();
    long pageCacheMiB = args.length > 3 ? Long.parseLong(args[3]) : 128L;

    DatabaseManagementService service;
    try {
      Files.createDirectories(home);
      service =
          new DatabaseManagementServiceBuilder(home)
              .setConfig(BoltConnector.enabled, true)
              .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
              .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
              .setConfig(HttpConnector.enabled, false)
              // Loopback only; the driver's credentials are accepted as given.
              .setConfig(GraphDatabaseSettings.auth_enabled, false)
              .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheMiB * 1024 * 1024)
              .setConfig(GraphDatabaseSettings.plugin_dir, pluginDir)
              .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"))
              .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
              .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
              // Bolt waits 5 s twice on shutdown by default; our clients have already disconnected.
              .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
              .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
              .build();
    } catch (Throwable e) {
      System.out.println("NEO4J_FAILED " + rootMessage(e));
      System.out.flush();
      Runtime.getRuntime().halt(1);
      return;
    }

    Thread shutdown =
        new Thread(
            () -> {
              service.shutdown();
              System.out.println("NEO4J_STOPPED");
              System.out.flush();
            },
            "neo4j-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);

    GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    if (!db.isAvailable(120_000)) {
      System.out.println("NEO4J_FAILED database did not become available within 120 s");
      System.exit(1);
    }
    System.out.println("NEO4J_READY bolt://" + HOST + ":" + port);
    System.out.flush();

    waitForStdinEof(System.in);
    // Parent is gone or asked us to stop: exit runs the shutdown hook, which closes the store.
    System.exit(0);
  }

  private static void waitForStdinEof(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // Input is ignored; only its end matters.
      }
    } catch (IOException ignored) {
      // A broken pipe means the parent is gone, same as EOF.
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    StringBuilder chain = new StringBuilder(String.valueOf(e.getMessage()));
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
      chain.append(" <- ").append(cause.getMessage());
    }
    return chain.toString().replace('\n', ' ');
  }
}
