/**
 * Archiving a completed job's output files: which outputs there are and the fixed names they get
 * on disk ({@link io.renderwatch.core.archive.OutputFile}), the records of what was archived
 * ({@link io.renderwatch.core.archive.OutputArchive}, a port the store implements), the download
 * of one file ({@link io.renderwatch.core.archive.FileFetcher}, a port the HTTP adapter
 * implements), and the {@link io.renderwatch.core.archive.Archiver} that puts them together.
 *
 * <p>Nothing here returns or accepts null unless a parameter says so.
 */
package io.renderwatch.core.archive;
