package io.renderwatch.demo;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build-time tool, run by exec-maven-plugin at {@code package}: writes the man pages of the
 * command as {@link Main} builds it (every command, its examples and exit codes) with picocli's
 * {@link ManPageGenerator}, one AsciiDoc manpage per command, into the folder given.
 */
public final class ManPages {

  private ManPages() {}

  /** {@code ManPages OUTDIR}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ManPages OUTDIR");
    }
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    Cli cli = new Cli(nowhere, nowhere, InputStream.nullInputStream(), Map.of(), false);
    int code = ManPageGenerator.generateManPage(new File(args[0]), null, new boolean[0], false,
        Main.commandLine(cli).getCommandSpec());
    if (code != 0) {
      throw new IllegalStateException("ManPageGenerator ended with " + code);
    }
  }
}
