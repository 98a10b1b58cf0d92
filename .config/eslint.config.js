import { join } from 'node:path';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from '../svelte.config.js';
import { layers } from './layers.js';

export default ts.config(
	{
		ignores: [
			'.config/',
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'data/',
			'test-results/',
			'playwright-report/',
			'src/lib/paraglide/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: { projectService: true, tsconfigRootDir: join(import.meta.dirname, '..') }
		}
	},
	{
		files: ['src/sw.ts'],
		languageOptions: {
			globals: globals.serviceworker,
			parserOptions: {
				projectService: false,
				project: join(import.meta.dirname, 'tsconfig.sw.json')
			}
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig }
		}
	},
	{
		rules: {
			// Un-awaited promises lose errors and writes; these two catch them.
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			'no-undef': 'off'
		}
	},
	// Who may import what (ARCHITECTURE.md): routes, services, the web layer, the pure core, components.
	...layers,
	{
		files: ['**/*.js'],
		...ts.configs.disableTypeChecked
	}
);
