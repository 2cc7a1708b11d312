/**
 * How long a test that releases in the lab may take: it may first wait for the rollout before it
 * to end, then follows its own through every step (5 s analysis interval in the tests), so it
 * needs more than the config's default for page-only tests.
 */
export const ROLLOUT_TEST_TIMEOUT = 300_000;
