package io.renderwatch.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files, in lower-case hex. */
public final class Checksums {

  private static final int BUFFER = 1 << 16;

  private Checksums() {}

  /** A fresh SHA-256 digest. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Feeds a file's bytes into a digest and returns how many there were. */
  public static long update(MessageDigest digest, Path file) throws IOException {
    long total = 0;
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
        total += n;
      }
    }
    return total;
  }

  /** The SHA-256 of a whole file. */
  public static String of(Path file) throws IOException {
    MessageDigest digest = sha256();
    update(digest, file);
    return hex(digest);
  }

  /** Whether a text is a SHA-256 in lower-case hex: 64 digits 0-9, a-f. */
  public static boolean isSha256(String text) {
    if (text.length() != 64) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** The digest's result in lower-case hex. */
  public static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }
}
