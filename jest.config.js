/** Jest runs TypeScript through ts-jest; type-checking is `npm run typecheck` (faster, and one place). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(ts|js|mjs)$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true, module: 'commonjs', moduleResolution: 'node10', rootDir: '.', ignoreDeprecations: '6.0' } }],
  },
  // lowdb and steno ship ESM only: let ts-jest turn them into CommonJS for Jest's module system.
  transformIgnorePatterns: ['/node_modules/(?!(lowdb|steno)/)'],
  testTimeout: 20000,
  // One throwaway PostgreSQL cluster per run (TEST_DATABASE_URL), unless TEST_DATABASE_URL already names a server.
  globalSetup: '<rootDir>/test/support/jest-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/jest-global-teardown.ts',
};
