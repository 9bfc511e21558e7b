// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      eqeqeq: 'error',
      'no-console': 'error',
      '@typescript-eslint/no-floating-promises': 'off',
    },
  },
  { files: ['src/cli/**/*.ts'], rules: { 'no-console': 'off' } },
  { files: ['esbuild.mjs'], languageOptions: { globals: { console: 'readonly' } } },
);
