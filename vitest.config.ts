import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    // expect.poll (the browser tests' waits on what a page shows): a deadline a loaded CI machine meets, not vitest's 1 s.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    hookTimeout: 120_000,
    // Two cores, and most files run a service with its own processes (Postgres backends, the simulator,
    // spawned commands): two files at once keep the timing of the crash, breaker and process tests honest.
    maxWorkers: 2,
  },
});
