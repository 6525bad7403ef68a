// Lint: TypeScript rules plus the layer table of ARCHITECTURE.md, enforced per folder.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

const nodeBuiltins = { group: ['node:*'], message: 'This layer must not use Node APIs.' }
const electron = { name: 'electron', message: 'Only src/main and src/preload may import electron.' }

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'tests/components/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } }
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            nodeBuiltins,
            {
              group: ['**/core/**', '**/main/**', '**/renderer/**', '**/server/**', '**/cli/**', '**/preload/**'],
              message: 'src/shared imports nothing from other layers.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/core/**/*.ts', 'src/server/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'Core, server and CLI do not reach into the Electron shell or the renderer.'
            }
          ]
        }
      ]
    }
  },
  {
    // The CLI is contract calls plus formatting (createLocalApi): no store, no dispatch (layer-boundaries test too).
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'Core, server and CLI do not reach into the Electron shell or the renderer.'
            },
            {
              group: ['**/core/library/*', '!**/core/library/data-dir', '**/core/dispatch', '**/core/search/**'],
              message: 'The CLI reaches the library through createLocalApi (src/core/local-api.ts) only.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            nodeBuiltins,
            {
              group: ['**/core/**', '**/main/**', '**/server/**', '**/cli/**', '**/preload/**'],
              message: 'The renderer talks to the core only through the contract client.'
            }
          ]
        }
      ]
    }
  }
)
