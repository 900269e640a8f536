import { defineConfig } from 'vitest/config';

// Integration tests run against PGlite always, and against PostgreSQL too when TEST_DATABASE_URL is set.
const databases = ['pglite', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])];

export default defineConfig({
  test: {
    projects: [
      ...databases.map((db) => ({
        test: {
          name: db,
          include: ['src/**/*.test.ts'],
          // Pure unit tests do not touch a database; running them once is enough.
          exclude: db === 'postgres' ? ['src/**/*.unit.test.ts', 'node_modules/**'] : ['node_modules/**'],
          env: { KRING_TEST_DB: db },
          testTimeout: 30_000,
          hookTimeout: 180_000,
          pool: 'forks' as const,
        },
      })),
    ],
  },
});
