"""Pure-Python CPU fallback for every op. Slow but always available."""
