import { defineConfig } from "vite";
import { echartsUnderFrozenPrototype } from "./echartsFrozen";

// No React plugin: esbuild compiles TSX with the automatic runtime; there is no dev server
// (the shell embeds ui/dist), so fast refresh would buy nothing.
export default defineConfig({
  esbuild: { jsx: "automatic" },
  plugins: [echartsUnderFrozenPrototype()],
  build: { target: "es2022", outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1024 },
  test: { environment: "jsdom" },
});
