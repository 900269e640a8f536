// Bundles the server's own code (not its packages) into dist/server with esbuild, so that
// `npm start` runs plain JavaScript: no TypeScript loader, and one file instead of a hundred.
// better-auth stays in its own chunk, loaded after the server listens (see src/server/plugins/auth.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const serverEntry = path.join(root, 'dist', 'server', 'main.mjs');
export const serverSources = ['src/server', 'src/contracts', 'package.json'];

export async function buildServer() {
  const esbuild = await import('esbuild');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/server/main.ts', 'src/server/db/demo-cli.ts'],
    outdir: 'dist/server',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServer();
  console.log(`[build] server bundled into ${path.relative(root, path.dirname(serverEntry))}/`);
}
