package io.renderwatch.jdbc;

import io.renderwatch.core.port.StoreException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** The H2 file's directory and file, made and kept private to their owner (rwx------). */
final class OwnerOnlyFiles {

  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");

  private OwnerOnlyFiles() {}

  static void prepareDirectory(Path directory) {
    if (Files.isDirectory(directory)) {
      if (!Files.isWritable(directory)) {
        throw new StoreException("The database directory " + directory + " is not writable;"
            + " fix its permissions or choose another --db path");
      }
      return;
    }
    try {
      createOwnerOnly(directory);
    } catch (FileAlreadyExistsException e) {
      throw new StoreException("Cannot create the database directory " + directory + ": "
          + e.getFile() + " exists and is not a directory; choose another --db path", e);
    } catch (AccessDeniedException e) {
      throw new StoreException("Cannot create the database directory " + directory
          + ": permission denied at " + e.getFile() + "; choose a writable --db path", e);
    } catch (FileSystemException e) {
      throw new StoreException("Cannot create the database directory " + directory + ": "
          + e.getMessage() + "; choose a writable --db path", e);
    } catch (IOException e) {
      throw new StoreException("Cannot create the database directory " + directory + ": " + e
          + "; choose a writable --db path", e);
    }
  }

  /** Creates missing directories, each new one rwx------ (where the file system has POSIX). */
  private static void createOwnerOnly(Path directory) throws IOException {
    Path parent = directory.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      createOwnerOnly(parent);
    }
    if (isPosix(directory)) {
      Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
      // The umask may have taken bits away, never added any; set exactly owner-only.
      Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
    } else {
      Files.createDirectory(directory);
    }
  }

  static void restrictToOwner(Path file) {
    try {
      if (Files.exists(file) && isPosix(file)) {
        Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
      }
    } catch (IOException e) {
      throw new StoreException("Could not make the database file " + file + " private to its"
          + " owner: " + e.getMessage() + "; check who owns it", e);
    }
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
