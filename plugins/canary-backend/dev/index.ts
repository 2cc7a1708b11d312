/*
 * A Backstage backend with the canary plugin alone: what the lab integration tests and the
 * engine benchmark start as a separate process (and kill), with --config files of their own.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('../src'));
backend.start();
