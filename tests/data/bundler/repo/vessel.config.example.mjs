// Example configuration (see docs/config.md)
export default {
  entry: './src/main.ts',
  base: '/',
  build: {
    outDir: 'dist',
    chunkFileNames: 'assets/[name]-[hash].js',
    assetFileNames: 'assets/[name]-[hash][extname]',
    assetsInlineLimit: 4096,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:8080', rewrite: (p) => p.replace(/^\/api/, '') },
    },
  },
}
