/** How a simulated command ended, as `bash -c` would report it to flagger-loadtester. */
export interface ProcessResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /**
   * Set when the lab cannot know what the command printed on stdout (a body that depends on the
   * pod that answered): fine while nothing reads it, refused when a `grep` or Flagger does.
   */
  unknownStdout?: string;
}
