/**
 * A command the lab's load tester cannot simulate faithfully. The server answers it with 400 and
 * this message, never with a result it made up: a check the lab cannot run must not pass.
 */
export class CommandRefusal extends Error {
  constructor(command: string, why: string) {
    super(`mesh-lab load tester cannot run \`${command}\`: ${why}`);
    this.name = 'CommandRefusal';
  }
}
