/**
 * Bundles the Lit + DOMPurify baseline page script in memory (a classic,
 * minified script like dist/parley.js), from lit and dompurify in node_modules.
 */
import { rollup } from 'rollup';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { fileURLToPath } from 'node:url';

export async function buildLitBaseline() {
  const bundle = await rollup({
    input: fileURLToPath(new URL('./lit-baseline.js', import.meta.url)),
    plugins: [nodeResolve({ browser: true })],
  });
  try {
    const { output } = await bundle.generate({ format: 'iife', plugins: [terser({ ecma: 2022, format: { comments: false } })] });
    return output[0].code;
  } finally {
    await bundle.close();
  }
}
