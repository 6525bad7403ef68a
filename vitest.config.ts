import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

export default defineConfig({
  test: {
    testTimeout: 20_000,
    projects: [
      {
        // Each project inherits the settings above (testTimeout): without it a project falls back to 5 s.
        extends: true,
        test: {
          name: 'node',
          include: ['tests/{unit,integration}/**/*.test.ts'],
          environment: 'node'
        }
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'components',
          include: ['tests/components/**/*.test.{ts,tsx}'],
          environment: 'jsdom'
        }
      }
    ]
  }
})
