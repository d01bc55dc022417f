package io.biggerfleet.cli;

/** The CLI's exit codes: 0 ok, 1 the operation failed, 2 the command line or its input was wrong. */
final class ExitCode {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private ExitCode() {}
}
